using System.Net;

namespace StackFsck.Tests.Database;

/// <summary>
/// check_keystone_accounts against the real Keystone of tests/run (lockout after 3 failures for
/// 600 s, passwords expiring after 7 days, users disabled after 10 idle days): users made,
/// failed and given per-user options through the API, then the check's list compared, user by
/// user and reason by reason, with what Keystone answers each user's login.
/// </summary>
[Collection(KeystoneTier.Name)]
public sealed class KeystoneAccountsTests(KeystoneAccountsTests.Scenario scenario) : IClassFixture<KeystoneAccountsTests.Scenario>
{
    private const string Check = "check_keystone_accounts";
    private const string Password = "Right-pw-42";
    private static readonly string[] Refusals = ["locked out", "password expired", "disabled (inactive)"];

    [Fact]
    public void The_check_names_exactly_the_users_keystone_refuses_with_keystones_reason()
    {
        Dictionary<string, string> byCheck = scenario.Named.Where(n => Refusals.Contains(n.Value))
            .ToDictionary(n => n.Key, n => n.Value);

        Assert.Equal(scenario.Refused.OrderBy(r => r.Key, StringComparer.Ordinal), byCheck.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(Refusals.Order(StringComparer.Ordinal), scenario.Refused.Values.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Users_named_as_refused_soon_are_let_in_today_and_refused_once_their_day_comes()
    {
        Assert.Equal(["eve", "expiring"], scenario.Named.Where(n => !Refusals.Contains(n.Value)).Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal("to be disabled (inactive)", scenario.Named["eve"]);
        Assert.Equal("password expiring", scenario.Named["expiring"]);
        Assert.DoesNotContain("eve", scenario.Refused.Keys);
        Assert.DoesNotContain("expiring", scenario.Refused.Keys);

        // Time moved on, in the database: eve's last activity one day further back, the password's expiry passed.
        scenario.Backdate("eve", "UPDATE user SET last_active_at = UTC_DATE() - INTERVAL {inactive} DAY WHERE id = '{id}'");
        scenario.Backdate("expiring", "UPDATE password SET expires_at_int = (UNIX_TIMESTAMP() - 1) * 1000000 WHERE local_user_id = (SELECT id FROM local_user WHERE user_id = '{id}')");
        Assert.Equal("disabled (inactive)", scenario.KeystoneRefuses("eve"));
        Assert.Equal("password expired", scenario.KeystoneRefuses("expiring"));
    }

    /// <summary>
    /// One domain of users, one per case, set up through the API; what no test can wait for
    /// (idle days, an expiry a week away, a lock running out) is set back in the database.
    /// The check runs once, then every user tries to log in with the right password.
    /// </summary>
    public sealed class Scenario : IDisposable
    {
        private readonly Dictionary<string, string> _ids = [];

        public Scenario()
        {
            Api = new KeystoneApi();
            Domain = $"acct-{Guid.NewGuid():N}"[..20];
            string domainId = Api.CreateDomain(Domain);
            foreach (string user in new[] { "fine", "locked", "locked_exempt", "expired", "expired_exempt", "idle", "idle_exempt", "never",
                "locked_expired", "idle_locked", "old_lock", "eve", "expiring" })
            {
                _ids[user] = Api.CreateUser(domainId, user, Password);
            }

            // Options first: an update of a user (options included) resets its failures and last activity.
            Api.SetOption(_ids["locked_exempt"], "ignore_lockout_failure_attempts");
            Api.SetOption(_ids["expired_exempt"], "ignore_password_expiry");
            Api.SetOption(_ids["idle_exempt"], "ignore_user_inactivity");
            foreach (string user in new[] { "locked", "locked_exempt", "locked_expired", "idle_locked", "old_lock" })
            {
                FailLogins(user);
            }

            string expired = "UPDATE password SET expires_at_int = (UNIX_TIMESTAMP() - 86400) * 1000000 WHERE local_user_id = (SELECT id FROM local_user WHERE user_id = '{id}')";
            Backdate("expired", expired);
            Backdate("expired_exempt", expired);
            Backdate("locked_expired", expired);
            Backdate("expiring", "UPDATE password SET expires_at_int = (UNIX_TIMESTAMP() + 2 * 86400) * 1000000 WHERE local_user_id = (SELECT id FROM local_user WHERE user_id = '{id}')");
            Backdate("idle", "UPDATE user SET last_active_at = UTC_DATE() - INTERVAL {inactive} DAY WHERE id = '{id}'");
            Backdate("idle_locked", "UPDATE user SET last_active_at = UTC_DATE() - INTERVAL {inactive} + 2 DAY WHERE id = '{id}'");
            Backdate("idle_exempt", "UPDATE user SET last_active_at = UTC_DATE() - INTERVAL 3 * {inactive} DAY WHERE id = '{id}'");
            Backdate("eve", "UPDATE user SET last_active_at = UTC_DATE() - INTERVAL {inactive} - 1 DAY WHERE id = '{id}'");
            Backdate("never", "UPDATE user SET last_active_at = NULL, created_at = UTC_TIMESTAMP() - INTERVAL {inactive} DAY WHERE id = '{id}'");
            Backdate("old_lock", "UPDATE local_user SET failed_auth_at = UTC_TIMESTAMP() - INTERVAL {lockout} + 1 SECOND WHERE user_id = '{id}'");

            Run = Dist.Run(Check, [.. KeystoneApi.DatabaseLogin, "--report", "csv", "--lockout-failure-attempts", Setting("LOCKOUT_FAILURE_ATTEMPTS"),
                "--lockout-duration", Setting("LOCKOUT_DURATION"), "--inactive-days", Setting("INACTIVE_DAYS"), "--expiring-days", "3"]);
            Named = Run.LongOutput.Skip(1).Select(line => line.Split(',')).Where(f => f[1] == Domain)
                .ToDictionary(f => f[0], f => f[3]);
            Refused = _ids.Keys.Select(user => (user, why: KeystoneRefuses(user))).Where(r => r.why is not null)
                .ToDictionary(r => r.user, r => r.why!);
        }

        public KeystoneApi Api { get; }

        public string Domain { get; }

        public CheckRun Run { get; }

        /// <summary>The check's CSV rows of this domain: user and problem.</summary>
        public Dictionary<string, string> Named { get; }

        /// <summary>The users Keystone refused, and why, in the check's words.</summary>
        public Dictionary<string, string> Refused { get; }

        /// <summary>
        /// Why Keystone refuses the user's right password, or null when it lets it in. Keystone
        /// names only an expired password; a disabled user and a locked one both get the plain
        /// 401, told apart by Keystone's own enabled flag (which counts inactivity).
        /// </summary>
        public string? KeystoneRefuses(string user)
        {
            KeystoneApi.Login login = Api.PasswordLogin(_ids[user], Password);
            if (login.Status == HttpStatusCode.Created)
            {
                return null;
            }

            Assert.Equal(HttpStatusCode.Unauthorized, login.Status);
            return login.Message.StartsWith("The password is expired", StringComparison.Ordinal) ? "password expired"
                : Api.Enabled(_ids[user]) ? "locked out"
                : "disabled (inactive)";
        }

        /// <summary>Runs SQL in Keystone's database for one user ({id}), with Keystone's settings ({inactive} days, {lockout} seconds) filled in.</summary>
        public void Backdate(string user, string sql) => KeystoneApi.Sql(sql.Replace("{id}", _ids[user])
            .Replace("{inactive}", Setting("INACTIVE_DAYS")).Replace("{lockout}", Setting("LOCKOUT_DURATION")));

        public void Dispose() => Api.Dispose();

        private void FailLogins(string user)
        {
            for (int i = 0; i < KeystoneApi.SettingOf("LOCKOUT_FAILURE_ATTEMPTS"); i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, Api.PasswordLogin(_ids[user], "wrong-password").Status);
            }
        }

        private static string Setting(string name) => KeystoneApi.SettingOf(name).ToString();
    }
}
