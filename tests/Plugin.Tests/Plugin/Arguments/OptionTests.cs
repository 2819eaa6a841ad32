using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

public class OptionTests
{
    [Theory]
    [InlineData("10", 10, Status.Unknown)]
    [InlineData("2.5:CRITICAL", 2.5, Status.Critical)]
    [InlineData("30:warning", 30, Status.Warning)]
    [InlineData("5:0", 5, Status.Ok)]
    public void Timeout_takes_seconds_and_an_optional_state(string text, double seconds, Status state)
    {
        Assert.Equal(new TimeoutSetting(seconds, state), TimeoutSetting.Parse(text));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    [InlineData("10:LOUD")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("3000000")]
    [InlineData("9999999999999")]
    [InlineData("86400.5")]
    public void Timeout_refuses_what_is_not_a_positive_time_and_a_state(string text)
    {
        Assert.Throws<FormatException>(() => TimeoutSetting.Parse(text));
    }

    [Fact]
    public void Credentials_file_reads_keys_comments_quotes_and_sections()
    {
        string[] lines =
        [
            "# monitoring user",
            "export username = monitor",
            "password=\"s3cret=x\"",
            "; comment",
            "[keystone]",
            "password='other'",
        ];
        var top = CredentialFile.Parse(lines);
        Assert.Equal("monitor", top["USERNAME"]);
        Assert.Equal("s3cret=x", top["password"]);
        Assert.Equal("other", CredentialFile.Parse(lines, "keystone")["password"]);
    }

    [Fact]
    public void Credentials_lookup_prefers_the_file_then_the_environment()
    {
        string variable = "STACKFSCK_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        var file = CredentialFile.Parse(["user=from-file"]);
        Assert.Equal("from-file", CredentialFile.Lookup(file, ["username", "user"], [variable]));
        Assert.Equal("from-env", CredentialFile.Lookup(file, ["password"], [variable]));
        Environment.SetEnvironmentVariable(variable, null);
        Assert.Null(CredentialFile.Lookup(file, ["password"], [variable]));
    }

    [Fact]
    public void A_missing_credentials_file_is_one_clear_check_error()
    {
        var error = Assert.Throws<CheckException>(() => CredentialFile.Read("/nonexistent/stackfsck.cred"));
        Assert.Contains("cannot read credentials file /nonexistent/stackfsck.cred", error.Message);
        Assert.Equal(Status.Unknown, error.Status);
    }

    [Fact]
    public void A_secret_never_prints_its_value()
    {
        var secret = new Secret("hunter2");
        Assert.DoesNotContain("hunter2", $"password {secret}");
        Assert.Equal("hunter2", secret.Reveal());
    }
}
