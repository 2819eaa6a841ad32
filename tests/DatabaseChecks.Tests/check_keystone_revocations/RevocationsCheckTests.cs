namespace StackFsck.Tests.Database;

/// <summary>check_keystone_revocations as Nagios runs it, against the real Keystone schema filled with known events.</summary>
public sealed class RevocationsCheckTests : IDisposable
{
    private const string Check = "check_keystone_revocations";
    private readonly ScratchDatabase _db = new("revoke", "keystone");

    public RevocationsCheckTests()
    {
        // 6 events in the last hour, 5 eighty minutes old (inside the default 5400 s cutoff), 4 overdue (1 and 2 days old).
        _db.Execute("""
            INSERT INTO revocation_event (user_id, issued_before, revoked_at)
            SELECT 'u', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL seq * 5 MINUTE FROM seq_1_to_6;
            INSERT INTO revocation_event (project_id, issued_before, revoked_at)
            SELECT 'p', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL 80 MINUTE FROM seq_1_to_5;
            INSERT INTO revocation_event (audit_id, issued_before, revoked_at)
            SELECT 'a', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL days.seq DAY FROM seq_1_to_2 AS days, seq_1_to_2 AS twice;
            """);
    }

    private string[] Login => ["--defaults-file", _db.ReadOnly, "--database", _db.Name];

    [Fact]
    public void Figures_equal_direct_sql_counts()
    {
        CheckRun run = Dist.Run(Check, Login);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_db.Count("SELECT COUNT(*) FROM revocation_event"), run.Perf("events"));
        Assert.Equal(_db.Count("SELECT COUNT(*) FROM revocation_event WHERE revoked_at < UTC_TIMESTAMP() - INTERVAL 5400 SECOND"), run.Perf("overdue"));
        Assert.Equal(_db.Count("SELECT COUNT(*) FROM revocation_event WHERE revoked_at >= UTC_TIMESTAMP() - INTERVAL 1 HOUR"), run.Perf("last_hour"));
        Assert.InRange(run.Perf("oldest"), 2 * 86400 - 60, 2 * 86400 + 60);
        Assert.Equal("KEYSTONE_REVOCATIONS OK - 15 revocation events, oldest 2 d 0 h, 4 overdue, 6 in the last hour", run.Text);
        Assert.Equal(("1000", "10000", "s"), (run.Perfdata["events"].Warning, run.Perfdata["events"].Critical, run.Perfdata["oldest"].Unit));
    }

    [Theory]
    [InlineData("-w", "10", "-c", "20", 1, "15 revocation events (warning 10)")]
    [InlineData("-w", "10", "-c", "14", 2, "15 revocation events (critical 14)")]
    // The oldest event is two days old when inserted and ages while the test runs: the critical
    // limit sits an hour above it, not on it, or a second's delay would turn WARNING into CRITICAL.
    [InlineData("--warning-oldest", "3600", "--critical-oldest", "176400", 1, "oldest revocation event is 2 d 0 h old (warning 3600)")]
    [InlineData("--warning-overdue", "1", "--critical-overdue", "3", 2, "4 events older than the prune cutoff of 5400 s (critical 3)")]
    public void Thresholds_set_the_state(string warnName, string warn, string critName, string crit, int exit, string problem)
    {
        CheckRun run = Dist.Run(Check, [.. Login, warnName, warn, critName, crit]);

        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(problem, run.Text);
    }

    [Fact]
    public void The_prune_cutoff_follows_expiration_and_buffer()
    {
        CheckRun run = Dist.Run(Check, [.. Login, "--expiration", "0", "--buffer", "3000"]);

        Assert.Equal(_db.Count("SELECT COUNT(*) FROM revocation_event WHERE revoked_at < UTC_TIMESTAMP() - INTERVAL 3000 SECOND"), run.Perf("overdue"));
        Assert.Contains(run.LongOutput, line => line.StartsWith("They revoke only expired tokens and can be deleted: DELETE FROM revocation_event WHERE revoked_at < UTC_TIMESTAMP() - INTERVAL 3000 SECOND"));
    }

    [Fact]
    public void The_largest_expiration_and_buffer_add_up_without_overflow_and_print_no_delete()
    {
        CheckRun run = Dist.Run(Check, [.. Login, "--expiration", "2147483647", "--buffer", "2147483647", "--warning-overdue", "0"]);

        // In 32 bits the sum is -2 s: every event "overdue" and a DELETE of them all.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.Perf("overdue"));
        Assert.Contains("0 overdue", run.Text);
        Assert.DoesNotContain(run.LongOutput, line => line.Contains("DELETE"));
    }

    [Theory]
    [InlineData("--expiration", "-1")]
    [InlineData("--expiration", "2147483648")]
    [InlineData("--buffer", "99999999999999999999")]
    public void A_setting_outside_its_documented_range_is_one_line_unknown(string option, string value)
    {
        CheckRun run = Dist.Run(Check, [.. Login, option, value]);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"KEYSTONE_REVOCATIONS UNKNOWN - bad arguments: {option}: {value} is out of range", run.FirstLine);
        Assert.DoesNotContain("DELETE", run.Stdout);
    }

    [Fact]
    public void An_empty_table_is_ok_with_no_oldest_event()
    {
        using var empty = new ScratchDatabase("revoke0", "keystone");
        CheckRun run = Dist.Run(Check, "--defaults-file", empty.ReadOnly, "-d", empty.Name);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("KEYSTONE_REVOCATIONS OK - 0 revocation events, oldest none, 0 overdue, 0 in the last hour", run.Text);
        Assert.Equal((0.0, 0.0), (run.Perf("events"), run.Perf("oldest")));
    }

    [Fact]
    public void The_option_file_group_can_name_the_database_and_the_password_never_shows()
    {
        CheckRun run = Dist.Run(Check, "-f", _db.ReadOnly, "-g", "stackfsck", "-d", _db.Name, "-vvv");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("pw-Secret-42", run.Stdout + run.Stderr);
    }

    [Fact]
    public void A_wrong_database_is_unknown_and_names_the_missing_table()
    {
        using var nova = new ScratchDatabase("revokenova", "nova_api");
        CheckRun run = Dist.Run(Check, "--defaults-file", nova.ReadOnly, "-d", nova.Name);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("KEYSTONE_REVOCATIONS UNKNOWN - missing table while counting revocation events on Keystone database:", run.Text);
        Assert.Contains($"'{nova.Name}.revocation_event' doesn't exist", run.Text);
    }

    [Fact]
    public void Wrong_credentials_are_unknown_access_denied()
    {
        CheckRun run = Dist.Run(Check, "-H", ScratchDatabase.Host, "-P", ScratchDatabase.Port, "-u", "nobody", "-d", _db.Name);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("KEYSTONE_REVOCATIONS UNKNOWN - access denied to Keystone database", run.Text);
    }

    [Fact]
    public void An_unreachable_server_is_unknown_cannot_connect()
    {
        CheckRun run = Dist.Run(Check, "-H", "127.0.0.1", "-P", "9", "-u", "x");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("KEYSTONE_REVOCATIONS UNKNOWN - cannot connect to Keystone database (keystone on 127.0.0.1:9)", run.Text);
    }

    [Fact]
    public void A_hung_server_ends_at_the_deadline_naming_the_stage()
    {
        using var hung = new SilentServer();
        CheckRun run = Dist.Run(Check, "-H", "127.0.0.1", "-P", hung.Port.ToString(), "-u", "x", "-t", "1:CRITICAL");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"KEYSTONE_REVOCATIONS CRITICAL - timed out after 1 s while connecting to Keystone database (keystone on 127.0.0.1:{hung.Port})", run.FirstLine);
    }

    public void Dispose() => _db.Dispose();
}
