using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// What one table holds. Exact mode counts (one scan per table); fast mode takes InnoDB's
/// row estimate and leaves the soft-deleted figures unknown.
/// <see cref="Counted"/> is what a purge with the same age would remove: the soft-deleted rows
/// (or, for a shadow table, all rows) deleted before the <c>--older-than</c> cutoff.
/// </summary>
internal sealed record TableCount(TableInfo Table, long Rows, long? Deleted, long? Counted, DateTime? OldestDeleted)
{
    public long? Live => Deleted is long deleted ? Rows - deleted : null;

    public static TableCount Estimate(TableInfo table) =>
        new(table, table.RowsEstimate, null, table.IsShadow ? table.RowsEstimate : null, null);

    /// <summary>Counts a soft-delete or shadow table in one statement; <paramref name="olderThanDays"/> null counts every deleted row.</summary>
    public static TableCount Exact(DatabaseConnection db, TableInfo table, int? olderThanDays)
    {
        string deleted = table.IsShadow ? "1" : DeletedPredicate(table.Deleted);
        string old = olderThanDays is int days && table.HasDeletedAt
            ? $"deleted_at < UTC_TIMESTAMP() - INTERVAL {days} DAY"
            : olderThanDays is null ? "1" : "0";
        string oldest = table.HasDeletedAt ? $"MIN(CASE WHEN {deleted} THEN deleted_at END)" : "NULL";
        return db.Single(
            $"SELECT COUNT(*), COALESCE(SUM({deleted}), 0), COALESCE(SUM(({deleted}) AND {old}), 0), {oldest} FROM {Sql.Identifier(table.Database.Name)}.{Sql.Identifier(table.Name)}",
            $"counting the rows of {table.FullName}",
            row => new TableCount(table, row.Int64(0), row.Int64(1), row.Int64(2), row.DateTime(3)));
    }

    /// <summary>Nova's deleted = id and Cinder's/Glance's boolean are both "not 0"; Nova's string ids are "not empty".</summary>
    private static string DeletedPredicate(DeletedColumn column) => column switch
    {
        DeletedColumn.Number => "COALESCE(deleted, 0) <> 0",
        DeletedColumn.Text => "COALESCE(deleted, '') NOT IN ('', '0')",
        _ => "deleted_at IS NOT NULL",
    };
}
