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

/// <summary>A table as information_schema describes it: statistics that cost no scan, and the columns that date its rows.</summary>
internal sealed record TableInfo(ServiceDatabase Database, string Name, long RowsEstimate, long Bytes, DeletedColumn Deleted, IReadOnlySet<string> Timestamps)
{
    public bool IsShadow => Database.Service == OpenStackService.Nova && Name.StartsWith("shadow_", StringComparison.Ordinal);

    public bool IsSoftDelete => !IsShadow && Deleted != DeletedColumn.None;

    public bool HasDeletedAt => Timestamps.Contains("deleted_at");

    public string FullName => $"{Database.Name}.{Name}";

    public string QualifiedName => $"{Sql.Identifier(Database.Name)}.{Sql.Identifier(Name)}";
}

/// <summary>One database's tables by name.</summary>
internal sealed class TableSet(IEnumerable<TableInfo> tables)
{
    private readonly Dictionary<string, TableInfo> _byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IEnumerable<TableInfo> All => _byName.Values;

    public int Count => _byName.Count;

    public bool Has(string name) => _byName.ContainsKey(name);

    public TableInfo? Find(string name) => _byName.GetValueOrDefault(name);
}

/// <summary>Lists the tables of the given databases with their soft-delete and timestamp columns, in two information_schema queries.</summary>
internal static class TableCatalog
{
    private static readonly string[] Columns = ["deleted", "deleted_at", "updated_at", "created_at"];

    public static List<TableInfo> Read(DatabaseConnection db, IReadOnlyList<ServiceDatabase> databases)
    {
        string schemas = string.Join(", ", databases.Select(d => Sql.Literal(d.Name)));
        var columns = new Dictionary<(string, string), (string? DeletedType, HashSet<string> Timestamps)>();
        foreach (DatabaseRow row in db.Query(
            $"SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ({schemas}) AND COLUMN_NAME IN ({string.Join(", ", Columns.Select(Sql.Literal))})",
            "finding soft-delete and timestamp columns"))
        {
            var key = (row.String(0)!, row.String(1)!);
            var seen = columns.TryGetValue(key, out var found) ? found : (null, new HashSet<string>(StringComparer.Ordinal));
            string column = row.String(2)!.ToLowerInvariant();
            if (column == "deleted")
            {
                seen.DeletedType = row.String(3);
            }
            else
            {
                seen.Timestamps.Add(column);
            }

            columns[key] = seen;
        }

        var byName = databases.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var tables = new List<TableInfo>();
        foreach (DatabaseRow row in db.Query(
            $"SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ({schemas}) AND TABLE_TYPE = 'BASE TABLE'",
            "reading table statistics"))
        {
            var key = (row.String(0)!, row.String(1)!);
            var (type, timestamps) = columns.GetValueOrDefault(key);
            timestamps ??= [];
            tables.Add(new TableInfo(byName[key.Item1], key.Item2, row.Int64(2), row.Int64(3), Kind(type, timestamps.Contains("deleted_at")), timestamps));
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
