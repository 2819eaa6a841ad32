using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack.Nova;

/// <summary>
/// Reads from a cell database what Nova says about this hypervisor: every live instance it places
/// on the host, and every uuid the hypervisor shows (domains, instance directories), archived
/// rows in <c>shadow_instances</c> included. Indexed lookups only: the cell may hold 100,000 instances.
/// </summary>
public static class NovaSide
{
    private const string Columns = "uuid, host, deleted, deleted_at, vm_state, task_state";

    public static Dictionary<Guid, NovaInstance> Read(DatabaseConnection cell, string host, IReadOnlyCollection<Guid> seen)
    {
        var found = new Dictionary<Guid, NovaInstance>();
        string where = $"(host = {Sql.Literal(host)} AND deleted = 0)" + (seen.Count > 0 ? $" OR uuid IN ({Sql.UuidList(seen)})" : "");
        Add(found, cell.Query($"SELECT {Columns} FROM instances WHERE {where}", "reading the instances of this host"), archived: false);

        Guid[] unseen = seen.Where(uuid => !found.ContainsKey(uuid)).ToArray();
        if (unseen.Length > 0)
        {
            Add(found, cell.Query($"SELECT {Columns} FROM shadow_instances WHERE uuid IN ({Sql.UuidList(unseen)})",
                "looking for unknown uuids among archived instances"), archived: true);
        }

        return found;
    }

    /// <summary>
    /// What Nova says about uuids met elsewhere on the host (the instance an OVS interface names), live,
    /// deleted or archived, in one query; a uuid Nova never knew is absent.
    /// </summary>
    public static Dictionary<Guid, NovaInstance> ReadByUuid(DatabaseConnection cell, IReadOnlyCollection<Guid> uuids)
    {
        var found = new Dictionary<Guid, NovaInstance>();
        if (uuids.Count > 0)
        {
            string list = Sql.UuidList(uuids);
            // Archiving moves only soft-deleted rows: a shadow row's deleted column says so itself.
            Add(found, cell.Query($"SELECT {Columns} FROM instances WHERE uuid IN ({list}) UNION ALL SELECT {Columns} FROM shadow_instances WHERE uuid IN ({list})",
                "looking up the instances the OVS interfaces name"), archived: false);
        }

        return found;
    }

    private static void Add(Dictionary<Guid, NovaInstance> found, IEnumerable<DatabaseRow> rows, bool archived)
    {
        foreach (DatabaseRow row in rows)
        {
            if (Guid.TryParse(row.String(0), out Guid uuid))
            {
                found[uuid] = new NovaInstance(uuid, row.String(1), archived || row.Int64(2) != 0, row.DateTime(3), row.String(4), row.String(5));
            }
        }
    }
}
