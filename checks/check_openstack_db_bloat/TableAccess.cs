using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// Refuses to count a database the check cannot see whole, or one that is not the named
/// service's. information_schema hides a table the user may not SELECT, so a grant on all tables
/// but one would quietly lower every count: such a table is found when another table's foreign
/// key or a Nova shadow table names it.
/// </summary>
internal static class TableAccess
{
    public static void Verify(DatabaseConnection db, IReadOnlyList<ServiceDatabase> databases, IReadOnlyDictionary<ServiceDatabase, TableSet> tables)
    {
        foreach (ServiceDatabase database in databases.Where(d => tables[d].Count == 0))
        {
            throw new CheckException($"database '{database.Name}' has no tables on {db.Settings.Server()}, or the user may not see them");
        }

        foreach ((ServiceDatabase database, string table, string reason) in Hidden(db, databases, tables))
        {
            throw new CheckException(
                $"cannot read table {database.Name}.{table}: {reason}, but the user may not SELECT it; grant SELECT ON `{database.Name}`.* (every count needs every table)");
        }

        foreach (ServiceDatabase database in databases)
        {
            string marker = Marker(database.Service);
            if (!tables[database].Has(marker))
            {
                throw new CheckException(
                    $"database '{database.Name}' holds no {database.Service.Word()} tables (no table {marker}): name the service that owns it as -d {database.Name}:SERVICE");
            }
        }
    }

    private static IEnumerable<(ServiceDatabase Database, string Table, string Reason)> Hidden(
        DatabaseConnection db, IReadOnlyList<ServiceDatabase> databases, IReadOnlyDictionary<ServiceDatabase, TableSet> tables)
    {
        var byName = databases.ToDictionary(d => d.Name, StringComparer.Ordinal);
        string schemas = string.Join(", ", databases.Select(d => Sql.Literal(d.Name)));
        foreach (DatabaseRow row in db.Query(
            $"SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN ({schemas}) AND REFERENCED_TABLE_SCHEMA = TABLE_SCHEMA",
            "reading foreign keys"))
        {
            ServiceDatabase database = byName[row.String(0)!];
            if (!tables[database].Has(row.String(2)!))
            {
                yield return (database, row.String(2)!, $"{row.String(1)} refers to it");
            }
        }

        foreach (ServiceDatabase database in databases.Where(d => d.Service == OpenStackService.Nova))
        {
            foreach (TableInfo shadow in tables[database].All.Where(t => t.IsShadow))
            {
                string main = shadow.Name["shadow_".Length..];
                if (!tables[database].Has(main))
                {
                    yield return (database, main, $"its shadow table {shadow.Name} exists");
                }
            }
        }
    }

    /// <summary>A table every database of the service has: without it the database is some other service's.</summary>
    private static string Marker(OpenStackService service) => service switch
    {
        OpenStackService.Nova => "instances",
        OpenStackService.NovaApi => "cell_mappings",
        OpenStackService.Cinder => "volumes",
        OpenStackService.Glance => "images",
        OpenStackService.Heat => "stack",
        OpenStackService.Neutron => "ports",
        _ => "project",
    };
}
