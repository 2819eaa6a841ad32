using System.Diagnostics;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>Each way a run can go wrong ends in one clear line and the right state, never a stack trace.</summary>
public sealed class FailureTests : KeystoneTest
{
    [Fact]
    public void Wrong_password_is_unknown_naming_the_user_not_the_password()
    {
        using var environment = CheckEnvironment.OpenRc(Keystone, password: "wrong-password-77");
        CheckRun run = environment.Run("-vvv");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - Keystone refused the credentials of user monitor (domain Default)", run.FirstLine);
        Assert.Contains("HTTP 401", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("wrong-password-77", run.Stdout + run.Stderr);
    }

    [Fact]
    public void A_checker_token_refused_at_validation_is_unknown_naming_the_user()
    {
        Keystone.RefuseCheckerTokens = true;
        CheckRun run = Check.Run("--no-token-cache");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - Keystone refused the token of user monitor", run.FirstLine);
        Assert.Equal(1, Keystone.TokensIssued);
    }

    [Fact]
    public void Server_errors_on_every_validation_are_one_unknown_line()
    {
        Keystone.Fail = _ => 503;
        CheckRun run = Check.Run();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("TOKEN_LATENCY UNKNOWN - no validation succeeded: HTTP 503 ServiceUnavailable (20 of 20 failed)", run.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public void An_unreachableKeystone_is_one_unknown_line()
    {
        Check.Variables["OS_AUTH_URL"] = "http://127.0.0.1:9/v3";
        CheckRun run = Check.Run();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - cannot reach http://127.0.0.1:9/v3/auth/tokens", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void AKeystone_that_stops_answering_ends_at_the_deadline_with_what_was_measured()
    {
        Keystone.Hang = n => n > 5;
        var clock = Stopwatch.StartNew();
        CheckRun run = Check.Run("-t", "3");
        clock.Stop();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - timed out after 3 s while validating tokens at", run.FirstLine);
        Assert.Contains("(5 of 20 answered)", run.FirstLine);
        Assert.Equal(5, run.LongOutput.Count(line => line.StartsWith("validation ", StringComparison.Ordinal) && line.Contains(": valid in ")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"ran {clock.Elapsed} for -t 3");
    }

    [Fact]
    public void Timeout_state_can_be_critical()
    {
        Keystone.Hang = _ => true;
        CheckRun run = Check.Run("-t", "1:CRITICAL");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("timed out after 1 s", run.FirstLine);
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--concurrency", "-1")]
    [InlineData("--percentile", "p42")]
    [InlineData("--method", "POST")]
    [InlineData("-w", "abc")]
    public void Bad_arguments_are_unknown(string option, string value)
    {
        CheckRun run = Check.Run(option, value);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - bad arguments", run.FirstLine);
        Assert.Equal(0, Keystone.TokensIssued);
    }

    [Fact]
    public void No_credentials_at_all_says_where_they_can_come_from()
    {
        using var environment = CheckEnvironment.Empty();
        CheckRun run = environment.Run();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("TOKEN_LATENCY UNKNOWN - no Keystone URL: give --os-cloud (clouds.yaml), set OS_AUTH_URL or give --os-auth-url", run.Stdout.TrimEnd('\n'));
    }
}
