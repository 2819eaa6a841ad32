namespace StackFsck.Checks.DbBloat;

/// <summary>One database's tables, folded into the figures the thresholds judge and the counts of each cleanup step.</summary>
internal sealed class DatabaseBloat(ServiceDatabase database, IReadOnlyList<TableCount> tables, long totalBytes)
{
    public ServiceDatabase Database { get; } = database;
    public IReadOnlyList<TableCount> Tables { get; } = tables;

    /// <summary>Data plus index size of every table of the database, in bytes.</summary>
    public long TotalBytes { get; } = totalBytes;

    public IEnumerable<TableCount> SoftDeleteTables => Tables.Where(t => t.Table.IsSoftDelete);
    public IEnumerable<TableCount> ShadowTables => Tables.Where(t => t.Table.IsShadow);
    private IEnumerable<TableCount> MainTables => Tables.Where(t => !t.Table.IsShadow);

    public bool HasShadow => ShadowTables.Any();

    /// <summary>Rows the service's cleanup removes (Nova: archives) outside the shadow tables; null in fast mode.</summary>
    public long? Deleted => MainTables.All(t => t.Counted is not null) ? MainTables.Sum(t => t.Counted ?? 0) : null;

    public long? Live => SoftDeleteTables.All(t => t.Live is not null) ? SoftDeleteTables.Sum(t => t.Live ?? 0) : null;

    /// <summary>Shadow rows Nova's purge removes as the tables stand (all of them without --older-than).</summary>
    public long Shadow => ShadowTables.Sum(t => t.Counted ?? 0);

    public DateTime? OldestDeleted => SoftDeleteTables.Min(t => t.OldestDeleted);

    /// <summary>Soft-deleted rows in tables no printed command touches (Nova tables without a model or a shadow table).</summary>
    public IEnumerable<TableCount> Untouched => SoftDeleteTables.Where(t => t.Rule is null && (t.Deleted ?? 0) > 0);

    /// <summary>What one cleanup step removes; null in fast mode. Step 1 of Nova (purge) also removes what step 0 archived, when old enough.</summary>
    public long? StepRows(int step)
    {
        var counted = Tables.Where(t => t.Rule?.Step == step).ToList();
        return counted.Any(t => t.Counted is null)
            ? null
            : counted.Sum(t => t.Counted ?? 0) + (step == 1 ? Tables.Sum(t => t.ThenPurged ?? 0) : 0);
    }
}
