namespace StackFsck.Tests;

/// <summary>
/// The OpenStack databases tests/services/openstackdbs.sh made with the services' own tools
/// (Zed's nova-manage, cinder-manage, glance-manage, placement-manage): a fresh copy per test
/// class, and config files that let a test run those tools on its copies.
/// </summary>
public static class ServiceTools
{
    /// <summary>A fresh database with the schema (and migration version) the tool made: nova_api, nova (a cell; cell0 too), cinder, glance or placement.</summary>
    public static ScratchDatabase Copy(string purpose, string schema) =>
        ScratchDatabase.FromDump(purpose, Path.Combine(Repo.Service("STACKFSCK_OPENSTACK_DUMPS"), schema + ".sql"));

    /// <summary>The SQLAlchemy URL the tools reach a database with (<c>mysql+pymysql://</c>, a user allowed everything on test databases).</summary>
    public static string Url(ScratchDatabase database) => $"{Repo.Service("STACKFSCK_OPENSTACK_DB_URL")}/{database.Name}";

    /// <summary>Writes a tool's config file into a new temporary file and returns its path; the caller deletes it.</summary>
    public static string WriteConfig(string ini)
    {
        string path = Path.Combine(Path.GetTempPath(), $"stackfsck-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, ini);
        return path;
    }
}

/// <summary>
/// A Nova deployment's databases as nova-manage makes them: nova_api, cell0 and cell1, mapped in
/// nova_api's cell_mappings as <c>nova-manage cell_v2 map_cell0</c> / <c>create_cell</c> map
/// them, and a nova.conf that points nova-manage at them.
/// </summary>
public sealed class NovaDatabases : IDisposable
{
    public const string Cell0Uuid = "00000000-0000-0000-0000-000000000000";

    public NovaDatabases(string purpose)
    {
        Api = ServiceTools.Copy(purpose + "api", "nova_api");
        Cell0 = ServiceTools.Copy(purpose + "c0", "nova");
        Cell1 = ServiceTools.Copy(purpose + "c1", "nova");
        Api.Execute($"""
            INSERT INTO cell_mappings (created_at, uuid, name, transport_url, database_connection, disabled) VALUES
              (UTC_TIMESTAMP(), '{Cell0Uuid}', 'cell0', 'none:///', '{ServiceTools.Url(Cell0)}', 0),
              (UTC_TIMESTAMP(), UUID(), 'cell1', 'rabbit://nova:nova@127.0.0.1:5672/', '{ServiceTools.Url(Cell1)}', 0);
            """);
        Config = ServiceTools.WriteConfig($"[api_database]\nconnection = {ServiceTools.Url(Api)}\n[database]\nconnection = {ServiceTools.Url(Cell1)}\n");
    }

    public ScratchDatabase Api { get; }
    public ScratchDatabase Cell0 { get; }
    public ScratchDatabase Cell1 { get; }

    /// <summary>nova.conf for nova-manage: [api_database] and [database] (cell1) connections.</summary>
    public string Config { get; }

    public void Dispose()
    {
        Api.Dispose();
        Cell0.Dispose();
        Cell1.Dispose();
        File.Delete(Config);
    }
}
