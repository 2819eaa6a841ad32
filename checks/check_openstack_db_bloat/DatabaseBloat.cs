namespace StackFsck.Checks.DbBloat;

/// <summary>One database's tables, folded into the figures the thresholds judge.</summary>
internal sealed class DatabaseBloat(ServiceDatabase database, IReadOnlyList<TableCount> tables, long totalBytes)
{
    public ServiceDatabase Database { get; } = database;
    public IReadOnlyList<TableCount> Tables { get; } = tables;

    /// <summary>Data plus index size of every table of the database, in bytes.</summary>
    public long TotalBytes { get; } = totalBytes;

    public IEnumerable<TableCount> SoftDeleteTables => Tables.Where(t => t.Table.IsSoftDelete);
    public IEnumerable<TableCount> ShadowTables => Tables.Where(t => t.Table.IsShadow);

    public bool HasShadow => ShadowTables.Any();

    /// <summary>Soft-deleted rows a purge of the same age would remove; null in fast mode.</summary>
    public long? Deleted => SoftDeleteTables.All(t => t.Counted is not null) ? SoftDeleteTables.Sum(t => t.Counted ?? 0) : null;

    public long? Live => SoftDeleteTables.All(t => t.Live is not null) ? SoftDeleteTables.Sum(t => t.Live ?? 0) : null;

    public long Shadow => ShadowTables.Sum(t => t.Counted ?? 0);

    public DateTime? OldestDeleted => SoftDeleteTables.Min(t => t.OldestDeleted);
}
