namespace StackFsck.Tests.Database;

/// <summary>check_keystone_accounts against the real Keystone schema: users in every state, across two domains, service accounts.</summary>
public sealed class AccountsCheckTests : IDisposable
{
    private const string Check = "check_keystone_accounts";
    private readonly ScratchDatabase _db = new("accounts", "keystone");

    public AccountsCheckTests()
    {
        // user(name, domain, enabled, failed logins, minutes since the last one, days since last active).
        _db.Execute("""
            SET FOREIGN_KEY_CHECKS = 0;
            INSERT INTO project (id, name, domain_id, is_domain) VALUES
              ('default', 'Default', '<<keystone.domain.root>>', 1), ('d2', 'Customers', '<<keystone.domain.root>>', 1),
              ('svc', 'service', 'default', 0);
            CREATE TEMPORARY TABLE people (n INT, name VARCHAR(32), domain VARCHAR(16), enabled INT, failed INT, failed_min INT, active_days INT);
            INSERT INTO people VALUES
              (1, 'alice', 'default', 1, 5, 10, 0), (2, 'bob', 'd2', 1, 5, 120, 0), (3, 'carol', 'd2', 1, 0, NULL, 0),
              (4, 'dave', 'default', 1, 0, NULL, 0), (5, 'erin', 'd2', 1, 0, NULL, 0), (6, 'frank', 'd2', 1, 0, NULL, 100),
              (7, 'grace', 'default', 1, 0, NULL, 85), (8, 'nova', 'default', 1, 0, NULL, 0), (9, 'glance', 'default', 1, 4, 5, 0),
              (10, 'heidi', 'default', 0, 9, 1, 0), (11, 'ivan', 'd2', 1, 1, 1, 1);
            INSERT INTO user (id, enabled, domain_id, last_active_at) SELECT CONCAT('u', n), enabled, domain, UTC_DATE() - INTERVAL active_days DAY FROM people;
            INSERT INTO local_user (id, user_id, domain_id, name, failed_auth_count, failed_auth_at)
              SELECT n, CONCAT('u', n), domain, name, failed, UTC_TIMESTAMP() - INTERVAL failed_min MINUTE FROM people;
            INSERT INTO assignment (type, actor_id, target_id, role_id, inherited) VALUES ('UserProject', 'u9', 'svc', 'admin', 0);
            """);

        // password(local user, days until it expires, age in days): only the newest row of a user counts.
        _db.Execute("""
            INSERT INTO password (local_user_id, password_hash, created_at, created_at_int, expires_at_int)
            SELECT u, 'HASH-must-not-show', UTC_TIMESTAMP(), (UNIX_TIMESTAMP() - age * 86400) * 1000000, (UNIX_TIMESTAMP() + days * 86400) * 1000000
            FROM (SELECT 3 u, -10 days, 40 age UNION ALL SELECT 3, 30, 1 UNION ALL SELECT 4, 90, 50 UNION ALL SELECT 4, -2, 10
                  UNION ALL SELECT 5, 3, 1 UNION ALL SELECT 8, 2, 1 UNION ALL SELECT 11, 100, 1) AS r;
            """);
    }

    private string[] Rules => ["-f", _db.ReadOnly, "-d", _db.Name, "--lockout-failure-attempts", "3", "--inactive-days", "90",
        "--service-user", "nova", "--service-project", "service"];

    [Fact]
    public void Each_category_counts_the_users_in_it_and_a_service_account_is_critical()
    {
        CheckRun run = Dist.Run(Check, Rules);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal((2.0, 1.0, 2.0, 1.0, 1.0, 2.0),
            (run.Perf("locked"), run.Perf("expired"), run.Perf("expiring"), run.Perf("inactive"), run.Perf("disabling"), run.Perf("service")));
        Assert.Equal(_db.Count("SELECT COUNT(*) FROM local_user l JOIN user u ON u.id = l.user_id WHERE u.enabled = 1 AND failed_auth_count >= 3 AND failed_auth_at > UTC_TIMESTAMP() - INTERVAL 1800 SECOND"),
            run.Perf("locked"));
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
        Assert.StartsWith("frank (Customers): disabled (inactive), inactive since ", run.LongOutput[4]);
        Assert.Equal(7, run.LongOutput.Count);
        Assert.DoesNotContain(run.LongOutput, line => line.StartsWith("carol") || line.StartsWith("bob") || line.StartsWith("heidi") || line.StartsWith("ivan"));
        Assert.DoesNotContain("HASH", run.Stdout);
    }

    [Fact]
    public void Lockout_and_inactivity_are_unknown_unless_their_keystone_options_are_given()
    {
        CheckRun run = Dist.Run(Check, "-f", _db.ReadOnly, "-d", _db.Name, "--warning-expired", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal((null, null), (run.Perfdata["locked"].Value, run.Perfdata["inactive"].Value));
        Assert.Contains("1 users with an expired password (warning 0)", run.Text);
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
        Assert.Equal(8, run.LongOutput.Count);
        Assert.StartsWith("glance,Default,yes,locked out,", run.LongOutput[1]);
    }

    [Fact]
    public void Table_report_aligns_columns()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--report", "table"]);

        Assert.StartsWith("USER    DOMAIN     SERVICE  PROBLEM", run.LongOutput[0]);
        Assert.StartsWith("glance  Default    yes      locked out", run.LongOutput[1]);
    }

    [Fact]
    public void An_unknown_report_format_is_a_bad_argument()
    {
        CheckRun run = Dist.Run(Check, [.. Rules, "--report", "pdf"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--report takes table or csv", run.Text);
    }

    public void Dispose() => _db.Dispose();
}
