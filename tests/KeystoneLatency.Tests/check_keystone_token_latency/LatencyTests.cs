namespace StackFsck.Tests.KeystoneLatency;

/// <summary>What the check measures and how it judges it, against the real Keystone (Debian's, under uWSGI --http-socket).</summary>
public sealed class LatencyTests : RealKeystoneTest
{
    [Fact]
    public void A_healthy_keystone_gives_ordered_percentiles_and_no_errors()
    {
        CheckRun run = Check.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY OK - 20 validations of the checker's own token", run.FirstLine);
        Assert.True(run.Perf("p50") > 0 && run.Perf("p50") <= run.Perf("p95") && run.Perf("p95") <= run.Perf("p99"), run.ToString());
        Assert.Equal(run.Perf("p99"), run.Perf("max"));
        Assert.All(new[] { "p50", "p95", "p99", "max" }, label => Assert.Equal("ms", run.Perfdata[label].Unit));
        Assert.True(run.Perf("rate") > 0, run.ToString());
        Assert.Equal(0, run.Perf("errors"));
        Assert.Equal(0, run.Perf("rejected"));
    }

    [Fact]
    public void Thresholds_judge_the_chosen_percentile()
    {
        CheckRun p99 = Check.Run("-w", "0", "-c", "0.001");
        CheckRun p50 = Check.Run("--percentile", "p50", "-w", "0", "-c", "~:");

        Assert.True(p99.ExitCode == 2, p99.ToString());
        Assert.Contains("p99 validation latency", p99.Text);
        Assert.Contains("(critical 0.001)", p99.Text);
        Assert.Equal("0.001", p99.Perfdata["p99"].Critical);
        Assert.True(p50.ExitCode == 1, p50.ToString());
        Assert.Contains("p50 validation latency", p50.Text);
        Assert.Equal("0", p50.Perfdata["p50"].Warning);
        Assert.Equal("", p50.Perfdata["p99"].Warning);
    }

    [Fact]
    public void Count_concurrency_head_and_nocatalog_are_accepted_by_keystone()
    {
        CheckRun run = Check.Run("--count", "7", "--concurrency", "2", "--method", "HEAD", "--nocatalog", "-vvv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("7 validations", run.FirstLine);
        Assert.Equal(7, run.Stderr.Split('\n').Count(line => line.StartsWith("validation ", StringComparison.Ordinal) && line.Contains(": valid ", StringComparison.Ordinal)));
        Assert.Equal(0, run.Perf("errors"));
    }

    /// <summary>
    /// uWSGI's --http-socket closes each connection right after its answer without saying so; a
    /// HEAD answer (no body to read to its end) leaves the client a connection that may already be
    /// closed when the next validation takes it. Those are no Keystone errors.
    /// </summary>
    [Theory]
    [InlineData("HEAD")]
    [InlineData("GET")]
    public void Connections_keystone_closes_after_each_answer_are_no_errors(string method)
    {
        CheckRun run = Check.RunFor(TimeSpan.FromMinutes(10), "--method", method, "--concurrency", "8", "--count", "400", "-t", "590");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, run.Perf("errors"));
        Assert.Contains("400 validations", run.FirstLine);
    }

    [Fact]
    public async Task A_token_issued_through_the_api_is_valid_and_once_revoked_is_critical()
    {
        (string token, _) = await KeystoneApi.IssueTokenAsync(KeystoneApi.AdminUser, KeystoneApi.AdminPassword, KeystoneApi.AdminProject);
        string file = Path.Combine(Check.Home, "service.token");
        File.WriteAllText(file, token + "\n");

        CheckRun valid = Check.Run("--subject-token-file", file, "--count", "5");
        await KeystoneApi.RevokeAsync(token);
        CheckRun revoked = Check.Run("--subject-token-file", file, "--count", "5");

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Contains($"the token in {file}", valid.FirstLine);
        Assert.True(revoked.ExitCode == 2, revoked.ToString());
        Assert.StartsWith($"TOKEN_LATENCY CRITICAL - token rejected: Keystone answered 404 (invalid or revoked) to 5 of 5 validations of the token in {file}", revoked.FirstLine);
        Assert.Equal(5, revoked.Perf("rejected"));
        Assert.DoesNotContain(token, valid.Stdout + valid.Stderr + revoked.Stdout + revoked.Stderr);
    }
}
