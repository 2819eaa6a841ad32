using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// What one table holds. Exact mode counts (one scan per table); fast mode takes InnoDB's
/// row estimate and leaves the soft-deleted figures unknown. <see cref="Counted"/> is what the
/// table's cleanup step (<see cref="Rule"/>) removes or archives; <see cref="ThenPurged"/>, of
/// those archived Nova rows, how many the purge after the archive removes.
/// </summary>
internal sealed record TableCount(TableInfo Table, TableRule? Rule, long Rows, long? Deleted, long? Counted, long? ThenPurged, DateTime? OldestDeleted)
{
    public long? Live => Deleted is long deleted ? Rows - deleted : null;

    public static TableCount Estimate(TableInfo table, TableRule? rule) =>
        new(table, rule, table.RowsEstimate, null, table.IsShadow ? table.RowsEstimate : null, null, null);

    /// <summary>Counts a table in one statement: rows, soft-deleted rows, what its cleanup step removes, the oldest deletion.</summary>
    public static TableCount Exact(DatabaseConnection db, TableInfo table, TableRule? rule)
    {
        string deleted = DeletedPredicate(table);
        string oldest = table.HasDeletedAt ? $"MIN(CASE WHEN {deleted} THEN deleted_at END)" : "NULL";
        return db.Single(
            $"SELECT COUNT(*), COALESCE(SUM({deleted}), 0), COALESCE(SUM({rule?.Removes ?? "0"}), 0), COALESCE(SUM({rule?.ThenPurged ?? "0"}), 0), {oldest} FROM {table.QualifiedName}",
            $"counting the rows of {table.FullName}",
            row => new TableCount(table, rule, row.Int64(0), row.Int64(1), row.Int64(2), row.Int64(3), row.DateTime(4)));
    }

    /// <summary>
    /// SQL for "this row is soft-deleted": Nova's deleted = id and Cinder's/Glance's boolean are
    /// both "not 0", Nova's string ids "not empty"; every row of a shadow table is.
    /// </summary>
    public static string DeletedPredicate(TableInfo table) => table.IsShadow ? "1" : table.Deleted switch
    {
        DeletedColumn.Number => "COALESCE(deleted, 0) <> 0",
        DeletedColumn.Text => "COALESCE(deleted, '') NOT IN ('', '0')",
        DeletedColumn.DeletedAtOnly => "deleted_at IS NOT NULL",
        _ => "0",
    };
}
