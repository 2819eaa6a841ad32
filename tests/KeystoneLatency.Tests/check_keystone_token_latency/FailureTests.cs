namespace StackFsck.Tests.KeystoneLatency;

/// <summary>Each way a run can go wrong against the real Keystone ends in one clear line and the right state, never a stack trace.</summary>
public sealed class FailureTests : RealKeystoneTest
{
    [Fact]
    public void Wrong_password_is_unknown_naming_the_user_not_the_password()
    {
        using var environment = CheckEnvironment.RealKeystone(password: "wrong-password-77");
        CheckRun run = environment.Run("-vvv");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith($"TOKEN_LATENCY UNKNOWN - Keystone refused the credentials of user {KeystoneApi.AdminUser} (domain Default)", run.FirstLine);
        Assert.Contains("HTTP 401", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("wrong-password-77", run.Stdout + run.Stderr);
    }

    [Fact]
    public void An_unreachable_keystone_is_one_unknown_line()
    {
        Check.Variables["OS_AUTH_URL"] = "http://127.0.0.1:9/v3";
        CheckRun run = Check.Run();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - cannot reach http://127.0.0.1:9/v3/auth/tokens", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--concurrency", "-1")]
    [InlineData("--percentile", "p42")]
    [InlineData("--method", "POST")]
    [InlineData("-w", "abc")]
    public void Bad_arguments_are_unknown_before_any_token_is_asked_for(string option, string value)
    {
        CheckRun run = Check.Run(option, value, "-vvv");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - bad arguments", run.FirstLine);
        Assert.DoesNotContain("token", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Check.CacheHome, "stackfsck")));
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
