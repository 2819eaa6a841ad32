using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>How a table marks deleted rows: Nova's integer id, a boolean, a string id (Nova snapshots), or only deleted_at (Heat).</summary>
internal enum DeletedColumn
{
    None,
    Number,
    Text,
    DeletedAtOnly,
}

/// <summary>A table as information_schema describes it: statistics that cost no scan.</summary>
internal sealed record TableInfo(ServiceDatabase Database, string Name, long RowsEstimate, long Bytes, DeletedColumn Deleted, bool HasDeletedAt)
{
    public bool IsShadow => Database.Service == OpenStackService.Nova && Name.StartsWith("shadow_", StringComparison.Ordinal);

    public bool IsSoftDelete => !IsShadow && Deleted != DeletedColumn.None;

    public string FullName => $"{Database.Name}.{Name}";
}

/// <summary>Lists the tables of the given databases with their soft-delete columns, in two information_schema queries.</summary>
internal static class TableCatalog
{
    public static List<TableInfo> Read(DatabaseConnection db, IReadOnlyList<ServiceDatabase> databases)
    {
        string schemas = string.Join(", ", databases.Select(d => Sql.Literal(d.Name)));
        var columns = new Dictionary<(string, string), (string? DeletedType, bool DeletedAt)>();
        foreach (DatabaseRow row in db.Query(
            $"SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ({schemas}) AND COLUMN_NAME IN ('deleted', 'deleted_at')",
            "finding soft-delete columns"))
        {
            var key = (row.String(0)!, row.String(1)!);
            var seen = columns.GetValueOrDefault(key);
            columns[key] = row.String(2) == "deleted" ? seen with { DeletedType = row.String(3) } : seen with { DeletedAt = true };
        }

        var byName = databases.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var tables = new List<TableInfo>();
        foreach (DatabaseRow row in db.Query(
            $"SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ({schemas}) AND TABLE_TYPE = 'BASE TABLE'",
            "reading table statistics"))
        {
            var key = (row.String(0)!, row.String(1)!);
            var (type, deletedAt) = columns.GetValueOrDefault(key);
            tables.Add(new TableInfo(byName[key.Item1], key.Item2, row.Int64(2), row.Int64(3), Kind(type, deletedAt), deletedAt));
        }

        return tables;
    }

    private static DeletedColumn Kind(string? deletedType, bool deletedAt) => deletedType switch
    {
        null => deletedAt ? DeletedColumn.DeletedAtOnly : DeletedColumn.None,
        "char" or "varchar" => DeletedColumn.Text,
        _ => DeletedColumn.Number,
    };
}
