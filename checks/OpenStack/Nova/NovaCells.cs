using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack.Nova;

/// <summary>One Nova cell: its name and uuid from <c>nova_api.cell_mappings</c> and how to reach its database.</summary>
public sealed record NovaCell(string Name, string Uuid, DatabaseSettings Settings);

/// <summary>
/// Finds Nova's cell databases the way Nova does: <c>cell_mappings.database_connection</c> in the
/// nova_api database (and <c>host_mappings</c> for the cell of one compute host), a template
/// filled from the local <c>[database]/connection</c>. The monitoring login (option file, user)
/// replaces the URL's own credentials when one is given, so a SELECT-only user can do the reading.
/// </summary>
public static class NovaCells
{
    /// <summary>--nova-conf: every check that finds cells takes the same option.</summary>
    public static readonly Option<string?> ConfOption = new("--nova-conf")
    {
        Description = "nova.conf whose [database]/connection fills cell mapping templates ({username}, {password}, ...)",
        HelpName = "FILE",
    };

    /// <summary>Every cell, cell0 included (instances that failed to schedule live there).</summary>
    public static List<NovaCell> All(DatabaseConnection api, DatabaseSettings login, DatabaseUrl? local) =>
        Read(api, "SELECT name, uuid, database_connection FROM cell_mappings ORDER BY id", "reading cell_mappings", login, local);

    /// <summary>The cell of one compute host, or an UNKNOWN naming the host when it has no host mapping.</summary>
    public static NovaCell OfHost(DatabaseConnection api, string host, DatabaseSettings login, DatabaseUrl? local)
    {
        string sql = "SELECT c.name, c.uuid, c.database_connection FROM host_mappings h JOIN cell_mappings c ON c.id = h.cell_id " +
            $"WHERE h.host = {Sql.Literal(host)}";
        return Read(api, sql, $"finding the cell of host {host}", login, local).FirstOrDefault()
            ?? throw new CheckException($"host '{host}' has no host mapping in {api.Settings.Name}: is that the name nova-compute uses? " +
                "nova-manage cell_v2 discover_hosts maps new ones");
    }

    /// <summary>
    /// The database of <paramref name="host"/>'s cell: <paramref name="cell"/> when it names one (its unset
    /// values from <paramref name="api"/>), otherwise the cell nova_api maps the host to, its template
    /// filled from <paramref name="novaConf"/>. check_nova_hypervisor and the repairs find it so.
    /// </summary>
    public static DatabaseSettings CellOf(CheckContext context, string host, DatabaseSettings api, DatabaseSettings cell, string? novaConf)
    {
        if (cell.Database is not null)
        {
            return DatabaseLogin.Inherit(cell, api);
        }

        DatabaseUrl? local = LocalConnection(novaConf);
        using DatabaseConnection apiDb = DatabaseConnection.Open(context, api);
        NovaCell found = OfHost(apiDb, host, api, local);
        context.Log(1, $"host {host} is in cell {found.Name} ({found.Settings.Where()})");
        return found.Settings;
    }

    /// <summary>Connection settings for a cell: the URL's server and database, the monitoring login when one is given.</summary>
    public static DatabaseSettings SettingsFor(string cellName, string connection, DatabaseSettings login, DatabaseUrl? local)
    {
        DatabaseUrl url = ParseConnection(cellName, connection, local);
        bool ownLogin = login.User is not null || login.DefaultsFile is not null;
        string? socket = url.UnixSocket;
        return login with
        {
            Name = $"cell {cellName} database",
            Host = socket is null ? url.Hostname : null,
            Port = socket is null ? url.Port ?? 3306 : null,
            Socket = socket,
            Database = url.Database,
            User = ownLogin ? login.User : url.Username,
            Password = ownLogin ? login.Password : url.Password,
        };
    }

    private static DatabaseUrl ParseConnection(string cellName, string connection, DatabaseUrl? local)
    {
        if (DatabaseUrl.IsTemplate(connection))
        {
            connection = local is not null
                ? DatabaseUrl.Fill(connection, local)
                : throw new CheckException($"the database_connection of cell {cellName} is a template: give --nova-conf (its [database]/connection fills it in)");
        }

        return ParseUrl(connection, $"the database_connection of cell {cellName}");
    }

    private static List<NovaCell> Read(DatabaseConnection api, string sql, string what, DatabaseSettings login, DatabaseUrl? local)
    {
        var rows = api.Query(sql, what)
            .Select(row => (Name: row.String(0) ?? row.String(1)!, Uuid: row.String(1)!, Connection: row.String(2)))
            .ToList();
        return rows.Select(r => new NovaCell(r.Name, r.Uuid, SettingsFor(r.Name, r.Connection
            ?? throw new CheckException($"cell {r.Name} has no database_connection in cell_mappings"), login, local))).ToList();
    }

    /// <summary>The local <c>[database]/connection</c> of a nova.conf, which fills the templates; null without a file.</summary>
    public static DatabaseUrl? LocalConnection(string? novaConf)
    {
        if (novaConf is null)
        {
            return null;
        }

        string connection = CredentialFile.Read(novaConf, "database").GetValueOrDefault("connection")
            ?? throw new CheckException($"{novaConf} has no [database] connection to fill the cell mapping templates");
        return ParseUrl(connection, $"[database] connection in {novaConf}");
    }

    private static DatabaseUrl ParseUrl(string text, string what)
    {
        try
        {
            return DatabaseUrl.Parse(text);
        }
        catch (FormatException error)
        {
            throw new CheckException($"cannot read {what}: {error.Message}");
        }
    }
}
