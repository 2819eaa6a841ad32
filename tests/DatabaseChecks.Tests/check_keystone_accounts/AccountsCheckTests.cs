namespace StackFsck.Tests.Database;

/// <summary>
/// check_keystone_accounts against the real Keystone schema: users in every state, across two
/// domains, service accounts, per-user options. The rows are written by hand to reach states a
/// real Keystone takes months to (KeystoneAccountsTests drives the real one); each user's
/// expected verdict is Keystone's rule, noted beside it.
/// </summary>
public sealed class AccountsCheckTests : IDisposable
{
    private const string Check = "check_keystone_accounts";
    private readonly ScratchDatabase _db = new("accounts", "keystone");

    public AccountsCheckTests()
    {
        // user(name, domain, enabled, failed logins, minutes since the last one, days since last active, days since created).
        _db.Execute("""
            SET FOREIGN_KEY_CHECKS = 0;
            INSERT INTO project (id, name, domain_id, is_domain) VALUES
              ('default', 'Default', '<<keystone.domain.root>>', 1), ('d2', 'Customers', '<<keystone.domain.root>>', 1),
              ('svc', 'service', 'default', 0);
            CREATE TEMPORARY TABLE people (n INT, name VARCHAR(32), domain VARCHAR(16), enabled INT, failed INT, failed_min INT, active_days INT, created_days INT);
            INSERT INTO people VALUES
              (1, 'alice', 'default', 1, 5, 10, 0, 400), (2, 'bob', 'd2', 1, 5, 120, 0, 400), (3, 'carol', 'd2', 1, 0, NULL, 0, 400),
              (4, 'dave', 'default', 1, 0, NULL, 0, 400), (5, 'erin', 'd2', 1, 0, NULL, 0, 400), (6, 'frank', 'd2', 1, 0, NULL, 100, 400),
              (7, 'grace', 'default', 1, 0, NULL, 85, 400), (8, 'nova', 'default', 1, 0, NULL, 0, 400), (9, 'glance', 'default', 1, 4, 5, 0, 400),
              (10, 'heidi', 'default', 0, 9, 1, 0, 400), (11, 'ivan', 'd2', 1, 1, 1, 1, 400),
              (12, 'judy', 'd2', 1, 0, NULL, NULL, 120), (13, 'ken', 'd2', 1, 0, NULL, 90, 400), (14, 'cinder', 'default', 1, 9, 1, 0, 400),
              (15, 'swift', 'default', 1, 0, NULL, 0, 400), (16, 'leo', 'd2', 1, 0, NULL, 200, 400), (17, 'mallory', 'd2', 1, 7, 1, 150, 400),
              (18, 'olga', 'd2', 1, 0, NULL, 0, 400), (19, 'peggy', 'd2', 1, 0, NULL, NULL, 30);
            INSERT INTO user (id, enabled, domain_id, last_active_at, created_at)
              SELECT CONCAT('u', n), enabled, domain, UTC_DATE() - INTERVAL active_days DAY, UTC_TIMESTAMP() - INTERVAL created_days DAY FROM people;
            INSERT INTO local_user (id, user_id, domain_id, name, failed_auth_count, failed_auth_at)
              SELECT n, CONCAT('u', n), domain, name, failed, UTC_TIMESTAMP() - INTERVAL failed_min MINUTE FROM people;
            INSERT INTO assignment (type, actor_id, target_id, role_id, inherited) VALUES ('UserProject', 'u9', 'svc', 'admin', 0);
            INSERT INTO user_option (user_id, option_id, option_value) VALUES
              ('u14', '1002', 'true'), ('u15', '1001', 'true'), ('u16', '1004', 'true'), ('u11', '1002', 'false'), ('u17', '1001', 'true');
            """);

        // password(local user, days until it expires, age in days): only the newest row of a user counts.
        _db.Execute("""
            INSERT INTO password (local_user_id, password_hash, created_at, created_at_int, expires_at_int)
            SELECT u, 'HASH-must-not-show', UTC_TIMESTAMP(), (UNIX_TIMESTAMP() - age * 86400) * 1000000, (UNIX_TIMESTAMP() + days * 86400) * 1000000
            FROM (SELECT 3 u, -10 days, 40 age UNION ALL SELECT 3, 30, 1 UNION ALL SELECT 4, 90, 50 UNION ALL SELECT 4, -2, 10
                  UNION ALL SELECT 5, 3, 1 UNION ALL SELECT 8, 2, 1 UNION ALL SELECT 11, 100, 1 UNION ALL SELECT 15, -30, 1
                  UNION ALL SELECT 17, -5, 1) AS r;
            INSERT INTO password (local_user_id, password_hash, created_at, created_at_int, expires_at, expires_at_int)
              VALUES (18, 'HASH-must-not-show', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP() - INTERVAL 1 DAY, NULL);
            """);
    }

    private string[] Rules => ["-f", _db.ReadOnly, "-d", _db.Name, "--lockout-failure-attempts", "3", "--inactive-days", "90",
        "--service-user", "nova", "--service-user", "cinder", "--service-project", "service"];

    [Fact]
    public void Each_user_keystone_refuses_is_named_once_under_keystones_reason()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--report", "csv"]);

        // alice, glance: locked (bob's lock ran out); dave: newest password expired; olga: expires_at
        // without expires_at_int (a password older than Rocky); erin, nova: expire within 7 days;
        // frank: idle 100 days; judy: never logged in, created 120 days ago; ken: idle exactly 90;
        // mallory: idle, locked, and exempt from expiry: disabled comes first; grace: idle 85 days.
        // Not named: cinder (ignore_lockout_failure_attempts), swift (ignore_password_expiry), leo
        // (ignore_user_inactivity), heidi (disabled by an admin), ivan (one failure, option false), peggy (created 30 days ago).
        Assert.Equal(
            ["alice,locked out", "dave,password expired", "erin,password expiring", "frank,disabled (inactive)", "glance,locked out",
                "grace,to be disabled (inactive)", "judy,disabled (inactive)", "ken,disabled (inactive)", "mallory,disabled (inactive)",
                "nova,password expiring", "olga,password expired"],
            run.LongOutput.Skip(1).Select(line => line.Split(',')).Select(f => $"{f[0]},{f[3]}").Order(StringComparer.Ordinal));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal((2.0, 2.0, 2.0, 4.0, 1.0, 2.0),
            (run.Perf("locked"), run.Perf("expired"), run.Perf("expiring"), run.Perf("inactive"), run.Perf("disabling"), run.Perf("service")));
        Assert.Contains("2 service accounts locked, expired or (about to be) disabled (critical 0)", run.Text);
    }

    [Fact]
    public void The_long_output_lists_service_accounts_first_with_domain_and_when()
    {
        CheckRun run = Dist.Run(Check, Rules);

        Assert.StartsWith("glance (Default) [service account]: locked out, 4 failed logins, locked until ", run.LongOutput[0]);
        Assert.StartsWith("nova (Default) [service account]: password expiring, password expires ", run.LongOutput[1]);
        Assert.StartsWith("alice (Default): locked out, 5 failed logins", run.LongOutput[2]);
        Assert.StartsWith("dave (Default): password expired, password expired ", run.LongOutput[3]);
        Assert.StartsWith("mallory (Customers): disabled (inactive), inactive since ", run.LongOutput[5]);
        Assert.StartsWith("judy (Customers): disabled (inactive), never logged in, created ", run.LongOutput[6]);
        Assert.Equal(11, run.LongOutput.Count);
        Assert.DoesNotContain("HASH", run.Stdout);
    }

    [Fact]
    public void Lockout_and_inactivity_are_unknown_unless_their_keystone_options_are_given()
    {
        CheckRun run = Dist.Run(Check, "-f", _db.ReadOnly, "-d", _db.Name, "--warning-expired", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal((null, null), (run.Perfdata["locked"].Value, run.Perfdata["inactive"].Value));
        Assert.Contains("2 users with an expired password (warning 0)", run.Text);
        Assert.Equal(0, run.Perf("service"));
    }

    [Fact]
    public void The_expiring_window_follows_expiring_days()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--expiring-days", "1"]);

        Assert.Equal((0.0, 0.0), (run.Perf("expiring"), run.Perf("disabling")));
    }

    [Fact]
    public void Csv_report_lists_every_user_with_a_header()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--report", "csv", "--list", "1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("user,domain,service,problem,when,detail", run.LongOutput[0]);
        Assert.Equal(12, run.LongOutput.Count);
        Assert.StartsWith("glance,Default,yes,locked out,", run.LongOutput[1]);
    }

    [Fact]
    public void Table_report_aligns_columns()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--report", "table"]);

        Assert.StartsWith("USER     DOMAIN     SERVICE  PROBLEM", run.LongOutput[0]);
        Assert.StartsWith("glance   Default    yes      locked out", run.LongOutput[1]);
    }

    [Fact]
    public void An_unknown_report_format_is_a_bad_argument()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--report", "pdf"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--report takes table or csv", run.Text);
    }

    [Theory]
    [InlineData("--inactive-days", "2147483648")]
    [InlineData("--inactive-days", "36501")]
    [InlineData("--inactive-days", "0")]
    [InlineData("--expiring-days", "2147483647")]
    [InlineData("--expiring-days", "-1")]
    [InlineData("--lockout-failure-attempts", "0")]
    [InlineData("--lockout-duration", "0")]
    [InlineData("--lockout-duration", "99999999999")]
    public void A_setting_outside_its_documented_range_is_one_line_unknown(string option, string value)
    {
        CheckRun run = Dist.Run(Check, "-f", _db.ReadOnly, "-d", _db.Name, option, value);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"KEYSTONE_ACCOUNTS UNKNOWN - bad arguments: {option}: {value} is out of range", run.FirstLine);
        Assert.DoesNotContain("Exception", run.Stdout + run.Stderr);
    }

    [Fact]
    public void The_widest_settings_in_range_judge_without_error()
    {
        CheckRun run = Dist.Run(Check, "-f", _db.ReadOnly, "-d", _db.Name, "--lockout-failure-attempts", "3", "--lockout-duration", "2147483647",
            "--inactive-days", "36500", "--expiring-days", "36500", "--service-user", "glance");

        // A 68-year lock keeps bob locked too; nobody has been idle a century.
        Assert.Equal(2, run.ExitCode);
        Assert.Equal((4.0, 0.0, 2.0), (run.Perf("locked"), run.Perf("inactive"), run.Perf("expired")));
    }

    public void Dispose() => _db.Dispose();
}
