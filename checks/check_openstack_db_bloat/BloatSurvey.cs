using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>Measures each database: the catalog once, then (exact mode) one count per soft-delete or shadow table.</summary>
internal static class BloatSurvey
{
    public static List<DatabaseBloat> Measure(
        DatabaseConnection db, IReadOnlyList<ServiceDatabase> databases, bool fast, int? olderThan, CheckContext context)
    {
        List<TableInfo> catalog = TableCatalog.Read(db, databases);
        var found = new List<DatabaseBloat>();
        foreach (ServiceDatabase database in databases)
        {
            List<TableInfo> tables = catalog.Where(t => t.Database == database).ToList();
            if (tables.Count == 0)
            {
                throw new CheckException($"database '{database.Name}' has no tables on {db.Settings.Server()}, or the user may not see them");
            }

            var counts = tables.Where(t => t.IsSoftDelete || t.IsShadow)
                .Select(t => fast ? TableCount.Estimate(t) : TableCount.Exact(db, t, olderThan))
                .ToList();
            var bloat = new DatabaseBloat(database, counts, tables.Sum(t => t.Bytes));
            context.Deadline.Note($"{database.Name}: {bloat.Deleted?.ToString() ?? "?"} soft-deleted rows, {bloat.Shadow} shadow rows");
            context.Log(1, $"{database.Name} ({database.Service}): {tables.Count} tables, {counts.Count} with soft-deleted or shadow rows");
            found.Add(bloat);
        }

        return found;
    }
}
