namespace StackFsck.Tests.KeystoneLatency;

/// <summary>--revocations-db sets the revocation_event count of the real Keystone's database beside the latency.</summary>
public sealed class RevocationsDbTests : RealKeystoneTest
{
    private static string[] Database(string database) =>
        ["--revocations-db", "--revocations-db-defaults-file", Repo.Service("STACKFSCK_KEYSTONE_DB_CNF"), "--revocations-db-database", database];

    private static long Events() => long.Parse(MariaDbClient.Run(["-N", "-B", Repo.Service("STACKFSCK_KEYSTONE_DATABASE")], "SELECT COUNT(*) FROM revocation_event").Trim());

    [Fact]
    public async Task A_token_revoked_through_the_api_counts_as_a_revocation_event()
    {
        (string token, _) = await KeystoneApi.IssueTokenAsync(KeystoneApi.AdminUser, KeystoneApi.AdminPassword, KeystoneApi.AdminProject);
        await KeystoneApi.RevokeAsync(token);
        long before = Events();
        CheckRun run = Check.Run([.. Database(Repo.Service("STACKFSCK_KEYSTONE_DATABASE")), "--count", "3"]);
        long after = Events();

        Assert.True(run.ExitCode == 0, run.ToString());
        // Other tests may revoke tokens meanwhile: the count lies between the two readings.
        Assert.InRange(run.Perf("revocation_events"), Math.Max(before, 1), after);
        Assert.Matches(@", 0 errors, \d+ revocation events$", run.Text);
    }

    [Fact]
    public void A_database_problem_is_unknown_but_keeps_the_latency()
    {
        CheckRun run = Check.Run([.. Database("no_such_db"), "--count", "3"]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - cannot count revocation events: ", run.FirstLine);
        Assert.Null(run.Perfdata["revocation_events"].Value);
        Assert.True(run.Perf("p50") > 0);
    }

    [Fact]
    public async Task A_rejected_token_does_not_hide_that_the_events_could_not_be_counted()
    {
        (string token, _) = await KeystoneApi.IssueTokenAsync(KeystoneApi.AdminUser, KeystoneApi.AdminPassword, KeystoneApi.AdminProject);
        await KeystoneApi.RevokeAsync(token);
        string file = Path.Combine(Check.Home, "revoked.token");
        File.WriteAllText(file, token + "\n");
        CheckRun run = Check.Run([.. Database("no_such_db"), "--subject-token-file", file, "--count", "3"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY CRITICAL - token rejected: Keystone answered 404 (invalid or revoked) to 3 of 3 validations", run.FirstLine);
        Assert.Contains("; cannot count revocation events: ", run.FirstLine);
    }

    [Fact]
    public void Without_the_option_no_database_is_read()
    {
        CheckRun run = Check.Run("--count", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(run.Perfdata.ContainsKey("revocation_events"));
    }
}
