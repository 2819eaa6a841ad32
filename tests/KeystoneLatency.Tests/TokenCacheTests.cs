namespace StackFsck.Tests.KeystoneLatency;

/// <summary>The checker's own token is cached between runs, privately, and renewed once when refused.</summary>
public sealed class TokenCacheTests : KeystoneTest
{
    private string CacheFile() => Assert.Single(Directory.GetFiles(Path.Combine(Check.CacheHome, "stackfsck")));

    [Fact]
    public void Consecutive_runs_share_one_token_in_an_owner_only_file()
    {
        CheckRun first = Check.Run("-vvv");
        CheckRun second = Check.Run("-vvv");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Equal(1, Keystone.TokensIssued);
        string file = CacheFile();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.Contains("reusing the cached token", second.Stderr);
        string token = File.ReadAllText(file).Split('"')[3];
        Assert.StartsWith("gAAAA", token);
        Assert.DoesNotContain(token, first.Stdout + first.Stderr + second.Stdout + second.Stderr);
        Assert.DoesNotContain(FakeKeystone.Password, first.Stdout + first.Stderr);
    }

    [Fact]
    public void A_cached_tokenKeystone_refuses_is_renewed_once()
    {
        Assert.Equal(0, Check.Run().ExitCode);
        Keystone.ForgetTokens();
        CheckRun renewed = Check.Run();

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        Assert.Equal(2, Keystone.TokensIssued);

        Keystone.RefuseCheckerTokens = true;
        CheckRun refused = Check.Run();

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Equal(3, Keystone.TokensIssued);
    }

    [Fact]
    public void A_cache_file_others_can_read_is_not_trusted()
    {
        Assert.Equal(0, Check.Run().ExitCode);
        File.SetUnixFileMode(CacheFile(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Equal(0, Check.Run().ExitCode);

        Assert.Equal(2, Keystone.TokensIssued);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile()));
    }

    [Fact]
    public void An_explicit_cache_file_and_no_cache_are_honoured()
    {
        string file = Path.Combine(Check.Home, "my-token.json");
        Check.Run("--token-cache", file);
        Check.Run("--token-cache", file);
        Check.Run("--no-token-cache");

        Assert.True(File.Exists(file));
        Assert.Equal(2, Keystone.TokensIssued);
    }
}
