using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Tests.Database;

/// <summary>The shared database layer against the real MariaDB: logins, streaming, values, and every error a check must word.</summary>
public sealed class DatabaseLayerTests : IDisposable
{
    private readonly ScratchDatabase _db = new("layer");
    private readonly LayerContext _layer = new();

    public DatabaseLayerTests()
    {
        _db.Execute("""
            CREATE TABLE things (id INT PRIMARY KEY, name VARCHAR(64) CHARACTER SET utf8mb4, seen DATETIME(6) NULL, day DATE NULL, size BIGINT NULL);
            INSERT INTO things VALUES (1, 'Zürich ☁', '2024-02-29 13:14:15', '2024-03-01', 9007199254740993), (2, NULL, NULL, NULL, NULL), (3, 'plain', '2020-01-01 00:00:00.250000', NULL, -5);
            """);
    }

    private DatabaseSettings ReadOnly => new() { Name = "test database", DefaultsFile = _db.ReadOnly, Database = _db.Name };

    [Fact]
    public void A_select_only_user_logs_in_from_the_option_file_and_counts()
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        long rows = connection.Single("SELECT COUNT(*) FROM things", "counting things", row => row.Int64(0));
        Assert.Equal(_db.Count("SELECT COUNT(*) FROM things"), rows);
    }

    [Fact]
    public void The_option_file_group_supplies_the_database()
    {
        var settings = new DatabaseSettings { Name = "test database", DefaultsFile = _db.ReadOnly, DefaultsGroup = "stackfsck" };
        using var connection = DatabaseConnection.Open(_layer.Context, settings);
        Assert.Equal(_db.Name, connection.Single("SELECT DATABASE()", "asking for the database", row => row.String(0)));
    }

    [Fact]
    public void Values_read_back_as_stored_and_null_reads_as_null()
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        var rows = connection.Query("SELECT id, name, seen, day, size FROM things ORDER BY id", "reading things")
            .Select(r => (Id: r.Int64(0), Name: r.String(1), Seen: r.DateTime(2), Day: r.DateTime(3), Size: r.NullableInt64(4)))
            .ToList();

        Assert.Equal((1L, "Zürich ☁", new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc), new DateTime(2024, 3, 1), 9007199254740993L),
            (rows[0].Id, rows[0].Name, rows[0].Seen, rows[0].Day, rows[0].Size));
        Assert.Equal(DateTimeKind.Utc, rows[0].Seen!.Value.Kind);
        Assert.Equal((2L, null, null, null, null), (rows[1].Id, rows[1].Name, rows[1].Seen, rows[1].Day, rows[1].Size));
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, 250, DateTimeKind.Utc), rows[2].Seen);
        Assert.Equal(-5L, rows[2].Size);
    }

    [Fact]
    public void A_large_result_streams_row_by_row_with_exact_totals()
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        long count = 0, sum = 0;
        foreach (DatabaseRow row in connection.Query("SELECT seq FROM seq_1_to_200000", "reading a sequence"))
        {
            count++;
            sum += row.Int64(0);
        }

        Assert.Equal(200_000, count);
        Assert.Equal(200_000L * 200_001 / 2, sum);
    }

    [Fact]
    public void Leaving_a_query_early_keeps_the_connection_usable()
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        long first = connection.Query("SELECT seq FROM seq_1_to_50000", "reading a sequence").Select(r => r.Int64(0)).First();
        long sum = connection.Single("SELECT SUM(id) FROM things", "summing ids", row => row.Int64(0));
        Assert.Equal((1L, 6L), (first, sum));
    }

    [Fact]
    public void Settings_on_the_command_line_win_and_the_unix_socket_works()
    {
        var settings = ReadOnly with { Host = "localhost", Socket = ScratchDatabase.Socket };
        using var connection = DatabaseConnection.Open(_layer.Context, settings);
        string? via = connection.Single("SELECT @@socket", "asking for the socket", row => row.String(0));
        Assert.Equal(ScratchDatabase.Socket, via);
    }

    [Fact]
    public void Prefixed_options_read_into_settings_for_a_second_database()
    {
        var neutron = new DatabaseOptions("neutron", "the Neutron database", defaultDatabase: "neutron");
        CheckContext context = _layer.Parse(neutron.Options,
            "--neutron-host", "db2.example", "--neutron-port", "3307", "--neutron-defaults-file", "/etc/x.cnf",
            "--neutron-defaults-group", "neutron", "--neutron-ssl-ca", "/etc/ca.pem");

        DatabaseSettings settings = neutron.Read(context, "neutron database");

        Assert.Equal(("db2.example", 3307, "/etc/x.cnf", "neutron", "neutron", "/etc/ca.pem"),
            (settings.Host, settings.Port, settings.DefaultsFile, settings.DefaultsGroup, settings.Database, settings.Tls.CaFile));
        Assert.Equal("neutron on db2.example:3307", settings.Where());
    }

    [Fact]
    public void A_wrong_password_is_access_denied_without_the_password()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, File.ReadAllText(_db.ReadOnly).Replace("pw-Secret-42", "wrong-Secret-99"));
        try
        {
            string message = Failure(ReadOnly with { DefaultsFile = file });
            Assert.StartsWith("access denied to test database", message);
            Assert.DoesNotContain("Secret", message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_unknown_database_is_named_to_a_user_who_may_see_it() =>
        Assert.StartsWith("unknown database 'no_such_db'",
            Failure(ReadOnly with { DefaultsFile = Repo.Service("STACKFSCK_MYSQL_ADMIN_CNF"), Database = "no_such_db" }));

    [Fact]
    public void A_database_the_user_may_not_read_is_access_denied_and_says_why() =>
        Assert.EndsWith("the database does not exist or the user has no grant on it", Failure(ReadOnly with { Database = "mysql" }));

    [Fact]
    public void A_missing_table_is_named()
    {
        string message = QueryFailure("SELECT COUNT(*) FROM no_such_table", "counting nothing");
        Assert.StartsWith("missing table while counting nothing on test database", message);
        Assert.Contains("no_such_table", message);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        string message = QueryFailure("SELECT deleted_at FROM things", "reading deletions");
        Assert.StartsWith("missing column while reading deletions", message);
        Assert.Contains("deleted_at", message);
    }

    [Fact]
    public void A_closed_port_cannot_connect()
    {
        string message = Failure(new DatabaseSettings { Name = "nova database", Host = "127.0.0.1", Port = 9, User = "x" });
        Assert.StartsWith("cannot connect to nova database (127.0.0.1:9)", message);
    }

    [Fact]
    public void Required_tls_to_a_server_without_it_fails_before_any_query() =>
        Assert.EndsWith("was required (--ssl, or a TLS file given) but the server does not offer it",
            Failure(ReadOnly with { Tls = DatabaseTls.None with { Required = true } }));

    [Fact]
    public void An_unreadable_option_file_is_named() =>
        Assert.Equal("cannot read option file /nonexistent/my.cnf: Could not find a part of the path '/nonexistent/my.cnf'.",
            Failure(ReadOnly with { DefaultsFile = "/nonexistent/my.cnf" }));

    [Fact]
    public void A_killed_connection_reads_as_gone_away()
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        long id = connection.Single("SELECT CONNECTION_ID()", "asking for the connection id", row => row.Int64(0));
        ScratchDatabase.Admin($"KILL CONNECTION {id}");

        var error = Assert.Throws<CheckException>(() => connection.Single("SELECT COUNT(*) FROM things", "counting things", r => r.Int64(0)));

        Assert.Matches("(server has gone away|lost the connection to test database) while counting things", error.Message);
    }

    [Theory]
    [InlineData("DELETE FROM things")]
    [InlineData("  update things set id = 4")]
    [InlineData("CALL something()")]
    public void Statements_that_could_write_are_refused_before_reaching_the_server(string sql)
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        Assert.Throws<InvalidOperationException>(() => connection.Query(sql, "writing").ToList());
        Assert.Equal(3, _db.Count("SELECT COUNT(*) FROM things"));
    }

    public void Dispose()
    {
        _layer.Dispose();
        _db.Dispose();
    }

    private string Failure(DatabaseSettings settings) =>
        Assert.Throws<CheckException>(() => DatabaseConnection.Open(_layer.Context, settings).Dispose()).Message;

    private string QueryFailure(string sql, string what)
    {
        using var connection = DatabaseConnection.Open(_layer.Context, ReadOnly);
        return Assert.Throws<CheckException>(() => connection.Query(sql, what).ToList()).Message;
    }
}
