namespace StackFsck.Tests;

/// <summary>
/// A database of its own for one test class on the MariaDB of tests/run: created empty or from
/// a real Zed fixture schema, filled through the <c>mariadb</c> client as root (the admin option
/// file tests/run exports), dropped at the end. Logins for the checks are SELECT-only users.
/// </summary>
public sealed class ScratchDatabase : IDisposable
{
    private readonly List<string> _users = [];
    private readonly string _readOnlyUser;

    public ScratchDatabase(string purpose, string? fixture = null)
        : this(purpose, fixture is null ? null : new FileInfo(Path.Combine(Repo.Fixtures, fixture + ".sql")))
    {
    }

    private ScratchDatabase(string purpose, FileInfo? schema)
    {
        Name = $"t_{purpose}_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE `{Name}`");
        if (schema is not null)
        {
            MariaDbClient.Run([Name], File.ReadAllText(schema.FullName));
        }

        (_readOnlyUser, ReadOnly) = CreateUser(Name, "SELECT");
    }

    /// <summary>A database loaded from a SQL dump file, such as those of <see cref="ServiceTools"/>.</summary>
    public static ScratchDatabase FromDump(string purpose, string dump) => new(purpose, new FileInfo(dump));

    public string Name { get; }

    public static string Host => Repo.Service("STACKFSCK_MYSQL_HOST");
    public static string Port => Repo.Service("STACKFSCK_MYSQL_PORT");
    public static string Socket => Repo.Service("STACKFSCK_MYSQL_SOCKET");

    /// <summary>Option file of a user with nothing but SELECT on this database.</summary>
    public string ReadOnly { get; }

    /// <summary>Runs SQL in this database as root.</summary>
    public void Execute(string sql) => MariaDbClient.Run([Name], sql);

    /// <summary>The first column of the first row of a query, as the mysql client prints it.</summary>
    public string Scalar(string sql) => MariaDbClient.Run(["-N", "-B", Name], sql).Split('\n')[0];

    public long Count(string sql) => long.Parse(Scalar(sql));

    /// <summary>Lets this database's SELECT-only user read another database too.</summary>
    public void GrantSelectOn(ScratchDatabase other) =>
        Admin($"GRANT SELECT ON `{other.Name}`.* TO '{_readOnlyUser}'@'127.0.0.1'; GRANT SELECT ON `{other.Name}`.* TO '{_readOnlyUser}'@'localhost'");

    /// <summary>Creates a user granted <paramref name="privileges"/> on a database; returns it and its option file ([client] and [stackfsck] groups).</summary>
    public (string User, string OptionFile) CreateUser(string database, string privileges, string password = "pw-Secret-42")
    {
        string user = $"u{Guid.NewGuid():N}"[..16];
        _users.Add(user);
        Admin($"CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY '{password}'; CREATE USER '{user}'@'localhost' IDENTIFIED BY '{password}'; " +
            $"GRANT {privileges} ON `{database}`.* TO '{user}'@'127.0.0.1'; GRANT {privileges} ON `{database}`.* TO '{user}'@'localhost'");
        string path = Path.Combine(Path.GetTempPath(), $"{user}.cnf");
        // Mode 0600 as deployed (the checks warn about option files others can read): a temp file is created so.
        string written = Path.GetTempFileName();
        File.WriteAllText(written, $"[client]\nhost={Host}\nport={Port}\nuser={user}\npassword={password}\n\n[stackfsck]\ndatabase={Name}\n");
        File.Move(written, path, overwrite: true);
        return (user, path);
    }

    public void Dispose()
    {
        Admin($"DROP DATABASE IF EXISTS `{Name}`");
        foreach (string user in _users)
        {
            Admin($"DROP USER IF EXISTS '{user}'@'127.0.0.1'; DROP USER IF EXISTS '{user}'@'localhost'");
            File.Delete(Path.Combine(Path.GetTempPath(), $"{user}.cnf"));
        }
    }

    public static void Admin(string sql) => MariaDbClient.Run([], sql);
}
