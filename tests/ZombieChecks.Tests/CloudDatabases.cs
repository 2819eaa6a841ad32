namespace StackFsck.Tests.Zombies;

/// <summary>
/// The OpenStack databases of one test cloud on the MariaDB of tests/run: each created from its
/// real Zed fixture schema under a name of its own (so test classes never share rows), filled
/// through the <c>mariadb</c> client as root, read by the checks as a user with nothing but SELECT.
/// </summary>
public sealed class CloudDatabases : IDisposable
{
    public const string Password = "zombie-Reader-7";
    private readonly Dictionary<string, string> _names = [];
    private readonly string _user = $"z{Guid.NewGuid():N}"[..14];

    /// <param name="databases">role (how tests name it) and fixture schema, e.g. ("cell1", "nova").</param>
    public CloudDatabases(params (string Role, string Fixture)[] databases)
    {
        string prefix = $"z{Guid.NewGuid():N}"[..9];
        MariaDbClient.Run([], $"CREATE USER '{_user}'@'127.0.0.1' IDENTIFIED BY '{Password}'");
        foreach ((string role, string fixture) in databases)
        {
            string name = $"{prefix}_{role}";
            _names[role] = name;
            MariaDbClient.Run([], $"CREATE DATABASE `{name}`; GRANT SELECT ON `{name}`.* TO '{_user}'@'127.0.0.1'");
            MariaDbClient.Run([name], File.ReadAllText(Path.Combine(Repo.Fixtures, fixture + ".sql")));
        }

        ReadOnlyLogin = Path.Combine(Path.GetTempPath(), $"{_user}.cnf");
        File.WriteAllText(ReadOnlyLogin, $"[client]\nhost={Host}\nport={Port}\nuser={_user}\npassword={Password}\n");
        File.SetUnixFileMode(ReadOnlyLogin, UnixFileMode.UserRead | UnixFileMode.UserWrite); // as deployed: the checks warn about option files others can read
    }

    public static string Host => Repo.Service("STACKFSCK_MYSQL_HOST");
    public static string Port => Repo.Service("STACKFSCK_MYSQL_PORT");

    /// <summary>Option file of the SELECT-only user that may read every database of this cloud.</summary>
    public string ReadOnlyLogin { get; }

    public string Name(string role) => _names[role];

    /// <summary>A cell_mappings.database_connection for a role, as a template filled from nova.conf.</summary>
    public string TemplateUrl(string role) => $"mysql+pymysql://{{username}}:{{password}}@{{hostname}}:{{port}}/{Name(role)}?charset=utf8";

    /// <summary>A nova.conf whose [database]/connection holds the SELECT-only login, for filling templates.</summary>
    public string WriteNovaConf(string directory)
    {
        string path = Path.Combine(directory, "nova.conf");
        File.WriteAllText(path, $"[DEFAULT]\nhost = ignored\n\n[database]\nconnection = mysql+pymysql://{_user}:{Password}@{Host}:{Port}/nova?charset=utf8\n");
        return path;
    }

    public void Execute(string role, string sql) => MariaDbClient.Run([Name(role)], sql);

    public long Count(string role, string sql) => long.Parse(MariaDbClient.Run(["-N", "-B", Name(role)], sql).Split('\n')[0]);

    public void Dispose()
    {
        MariaDbClient.Run([], string.Concat(_names.Values.Select(name => $"DROP DATABASE IF EXISTS `{name}`;")) + $"DROP USER IF EXISTS '{_user}'@'127.0.0.1'");
        File.Delete(ReadOnlyLogin);
    }
}
