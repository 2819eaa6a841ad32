using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>Measures each database: the catalog once, then (exact mode) one count per table that holds soft-deleted rows or that a cleanup step touches.</summary>
internal static class BloatSurvey
{
    public static List<DatabaseBloat> Measure(
        DatabaseConnection db, IReadOnlyList<ServiceDatabase> databases, bool fast, Cutoff cutoff, CheckContext context)
    {
        List<TableInfo> catalog = TableCatalog.Read(db, databases);
        var tables = databases.ToDictionary(d => d, d => new TableSet(catalog.Where(t => t.Database == d)));
        TableAccess.Verify(db, databases, tables);
        var found = new List<DatabaseBloat>();
        foreach (ServiceDatabase database in databases)
        {
            TableSet set = tables[database];
            var counts = new List<TableCount>();
            foreach (TableInfo table in set.All.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                TableRule? rule = CleanupRules.For(table, cutoff, set);
                if (table.IsSoftDelete || table.IsShadow || rule is not null)
                {
                    counts.Add(fast ? TableCount.Estimate(table, rule) : TableCount.Exact(db, table, rule));
                }
            }

            var bloat = new DatabaseBloat(database, counts, set.All.Sum(t => t.Bytes));
            context.Deadline.Note($"{database.Name}: {bloat.Deleted?.ToString() ?? "?"} rows to clean up, {bloat.Shadow} shadow rows");
            context.Log(1, $"{database.Name} ({database.Service}): {set.Count} tables, {counts.Count} with soft-deleted or shadow rows");
            found.Add(bloat);
        }

        return found;
    }
}
