using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// Reads each table once, streaming: every cell's <c>instances</c>, then nova_api's
/// <c>instance_mappings</c>, Neutron's compute ports and Cinder's live attachments, each fed to
/// the <see cref="OrphanSurvey"/> row by row. Each database has its own connection.
/// </summary>
internal static class CloudReader
{
    /// <summary>
    /// Every cell's instances; with <paramref name="placement"/>, also where each runs and, per
    /// cell, the compute nodes and migrations in progress placement's allocations are judged by.
    /// </summary>
    public static void ReadInstances(CheckContext context, IEnumerable<NovaCell> cells, InstanceIndex index, ComputeNodes nodes, PlacementSurvey? placement)
    {
        string sql = placement is null ? "SELECT uuid, deleted FROM instances" : "SELECT uuid, deleted, host, node, vm_state FROM instances";
        foreach (NovaCell cell in cells)
        {
            using DatabaseConnection db = DatabaseConnection.Open(context, cell.Settings);
            short number = index.AddCell(cell.Uuid);
            index.Reserve(db.Single("SELECT COUNT(*) FROM instances", $"counting the instances of cell {cell.Name}", row => (int)row.Int64(0)));
            foreach (DatabaseRow row in db.Query(sql, $"reading the instances of cell {cell.Name}"))
            {
                if (!Guid.TryParse(row.String(0), out Guid uuid))
                {
                    continue;
                }

                bool deleted = row.Int64(1) != 0;
                if (placement is null)
                {
                    index.AddInstance(uuid, number, deleted);
                    continue;
                }

                int place = nodes.Place(number, row.String(2), row.String(3));
                index.AddInstance(uuid, number, deleted, place, Scheduled(place, row.String(4)));
            }

            if (placement is not null)
            {
                PlacementReader.ReadCell(db, cell, number, nodes, placement);
            }
        }
    }

    /// <summary>On a host and past building, not shelved-offloaded (which gives its allocation back): it should hold an allocation.</summary>
    private static bool Scheduled(int place, string? vmState) =>
        place != ComputeNodes.None && vmState is not ("building" or "shelved_offloaded");

    /// <summary>Mappings without a cell belong to instances still being built (a build request): not judged.</summary>
    public static void ReadMappings(DatabaseConnection api, OrphanSurvey survey)
    {
        foreach (DatabaseRow row in api.Query("SELECT instance_uuid FROM instance_mappings WHERE cell_id IS NOT NULL", "reading instance_mappings"))
        {
            if (Guid.TryParse(row.String(0), out Guid uuid))
            {
                survey.AddMapping(uuid);
            }
        }

        survey.FindUnmapped();
    }

    public static void ReadPorts(CheckContext context, DatabaseSettings neutron, OrphanSurvey survey)
    {
        using DatabaseConnection db = DatabaseConnection.Open(context, neutron);
        foreach (DatabaseRow row in db.Query("SELECT id, device_id FROM ports WHERE device_owner LIKE 'compute:%'", "reading the compute ports"))
        {
            survey.AddPort(row.String(0)!, row.String(1) ?? "");
        }
    }

    public static void ReadAttachments(CheckContext context, DatabaseSettings cinder, OrphanSurvey survey)
    {
        using DatabaseConnection db = DatabaseConnection.Open(context, cinder);
        const string sql = "SELECT id, volume_id, instance_uuid FROM volume_attachment WHERE deleted = 0 AND instance_uuid IS NOT NULL";
        foreach (DatabaseRow row in db.Query(sql, "reading the volume attachments"))
        {
            survey.AddAttachment(row.String(0)!, row.String(1)!, row.String(2)!);
        }
    }
}
