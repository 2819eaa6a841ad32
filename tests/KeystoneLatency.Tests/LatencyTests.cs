namespace StackFsck.Tests.KeystoneLatency;

/// <summary>What the check measures and how it judges it, against a Keystone with known delays.</summary>
public sealed class LatencyTests : KeystoneTest
{
    /// <summary>Of every 20 validations, 18 take 30 ms, one 400 ms and one 800 ms (whichever order they arrive in).</summary>
    private void KnownDelays() => Keystone.Delay = n => ((n - 1) % 20) switch
    {
        18 => TimeSpan.FromMilliseconds(400),
        19 => TimeSpan.FromMilliseconds(800),
        _ => TimeSpan.FromMilliseconds(30),
    };

    [Fact]
    public void Percentiles_come_from_the_validation_times()
    {
        KnownDelays();
        CheckRun run = Check.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY OK - 20 validations of the checker's own token", run.FirstLine);
        // .NET timers may fire up to a tick early, so each lower bound allows 5 ms.
        Assert.InRange(run.Perf("p50"), 25, 395);
        Assert.InRange(run.Perf("p95"), 395, 795);
        Assert.InRange(run.Perf("p99"), 795, 2000);
        Assert.Equal(run.Perf("p99"), run.Perf("max"));
        Assert.All(new[] { "p50", "p95", "p99", "max" }, label => Assert.Equal("ms", run.Perfdata[label].Unit));
        Assert.InRange(run.Perf("rate"), 1, 20 / 0.8);
        Assert.Equal(0, run.Perf("errors"));
        Assert.Equal(20, Keystone.Validations);
    }

    [Fact]
    public void Thresholds_judge_the_chosen_percentile()
    {
        KnownDelays();
        CheckRun p99 = Check.Run("-w", "100", "-c", "600");
        CheckRun p50 = Check.Run("--percentile", "p50", "-w", "100", "-c", "600");
        CheckRun p95 = Check.Run("--percentile", "p95", "-w", "300", "-c", "600");

        Assert.True(p99.ExitCode == 2, p99.ToString());
        Assert.Contains("p99 validation latency", p99.Text);
        Assert.Contains("(critical 600)", p99.Text);
        Assert.Equal("600", p99.Perfdata["p99"].Critical);
        Assert.True(p50.ExitCode == 0, p50.ToString());
        Assert.Equal("100", p50.Perfdata["p50"].Warning);
        Assert.Equal("", p50.Perfdata["p99"].Warning);
        Assert.True(p95.ExitCode == 1, p95.ToString());
    }

    [Fact]
    public void Count_concurrency_head_and_nocatalog_shape_the_requests()
    {
        CheckRun run = Check.Run("--count", "7", "--concurrency", "2", "--method", "HEAD", "--nocatalog");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(7, Keystone.Validations);
        Assert.All(Keystone.ValidationRequests, request => Assert.Equal("HEAD ?nocatalog", request));
        Assert.Contains("7 validations", run.FirstLine);
    }

    [Fact]
    public void Failed_validations_are_counted_against_their_own_threshold()
    {
        Keystone.Fail = n => n % 10 == 0 ? 503 : null;
        CheckRun warned = Check.Run();
        CheckRun critical = Check.Run("--critical-errors", "1");

        Assert.True(warned.ExitCode == 1, warned.ToString());
        Assert.Equal(2, warned.Perf("errors"));
        Assert.Contains("2 of 20 validations failed", warned.Text);
        Assert.Contains(warned.LongOutput, line => line.StartsWith("2 x HTTP 503", StringComparison.Ordinal));
        Assert.True(critical.ExitCode == 2, critical.ToString());
    }

    [Fact]
    public void A_subject_token_from_a_file_is_validated_and_a_rejected_one_is_critical()
    {
        string valid = Path.Combine(Check.Home, "valid.token");
        string revoked = Path.Combine(Check.Home, "revoked.token");
        File.WriteAllText(valid, Keystone.NewToken() + "\n");
        File.WriteAllText(revoked, "gAAAAnot-a-token-keystone-knows");

        CheckRun good = Check.Run("--subject-token-file", valid);
        CheckRun bad = Check.Run("--subject-token-file", revoked);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains($"the token in {valid}", good.FirstLine);
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.StartsWith("TOKEN_LATENCY CRITICAL - token rejected", bad.FirstLine);
        Assert.Equal(20, bad.Perf("rejected"));
    }
}
