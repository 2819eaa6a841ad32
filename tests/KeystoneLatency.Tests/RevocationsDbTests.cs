
namespace StackFsck.Tests.KeystoneLatency;

/// <summary>--revocations-db sets the revocation_event count beside the latency, from the real Zed Keystone schema.</summary>
public sealed class RevocationsDbTests : KeystoneTest
{
    private readonly ScratchDatabase _db = new("latency", "keystone");
    public override async Task InitializeAsync()
    {
        _db.Execute("INSERT INTO revocation_event (user_id, issued_before, revoked_at) SELECT 'u', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_1_to_37");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public void The_revocation_event_count_joins_the_latency_figures()
    {
        CheckRun run = Check.Run("--revocations-db", "--revocations-db-defaults-file", _db.ReadOnly, "--revocations-db-database", _db.Name);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(_db.Count("SELECT COUNT(*) FROM revocation_event"), run.Perf("revocation_events"));
        Assert.EndsWith(", 0 errors, 37 revocation events", run.Text);
        Assert.True(run.Perfdata.ContainsKey("p99"));
    }

    [Fact]
    public void A_database_problem_is_unknown_but_keeps_the_latency()
    {
        CheckRun run = Check.Run("--revocations-db", "--revocations-db-defaults-file", _db.ReadOnly, "--revocations-db-database", "no_such_db");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - cannot count revocation events: ", run.FirstLine);
        Assert.Null(run.Perfdata["revocation_events"].Value);
        Assert.True(run.Perf("p50") >= 0);
    }

    [Fact]
    public void Without_the_option_no_database_is_read()
    {
        CheckRun run = Check.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(run.Perfdata.ContainsKey("revocation_events"));
    }
}
