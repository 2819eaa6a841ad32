namespace StackFsck.Tests.KeystoneLatency;

/// <summary>The checker's own token is cached between runs, privately, and renewed once when refused.</summary>
public sealed class TokenCacheTests : IAsyncLifetime
{
    private FakeKeystone _keystone = null!;
    private CheckEnvironment _environment = null!;

    public async Task InitializeAsync()
    {
        _keystone = await FakeKeystone.StartAsync();
        _environment = CheckEnvironment.OpenRc(_keystone);
    }

    public async Task DisposeAsync()
    {
        _environment.Dispose();
        await _keystone.DisposeAsync();
    }

    private string CacheFile() => Assert.Single(Directory.GetFiles(Path.Combine(_environment.CacheHome, "stackfsck")));

    [Fact]
    public void Consecutive_runs_share_one_token_in_an_owner_only_file()
    {
        CheckRun first = _environment.Run("-vvv");
        CheckRun second = _environment.Run("-vvv");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Equal(1, _keystone.TokensIssued);
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
    public void A_cached_token_keystone_refuses_is_renewed_once()
    {
        Assert.Equal(0, _environment.Run().ExitCode);
        _keystone.ForgetTokens();
        CheckRun renewed = _environment.Run();

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        Assert.Equal(2, _keystone.TokensIssued);

        _keystone.RefuseCheckerTokens = true;
        CheckRun refused = _environment.Run();

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Equal(3, _keystone.TokensIssued);
    }

    [Fact]
    public void A_cache_file_others_can_read_is_not_trusted()
    {
        Assert.Equal(0, _environment.Run().ExitCode);
        File.SetUnixFileMode(CacheFile(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Equal(0, _environment.Run().ExitCode);

        Assert.Equal(2, _keystone.TokensIssued);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile()));
    }

    [Fact]
    public void An_explicit_cache_file_and_no_cache_are_honoured()
    {
        string file = Path.Combine(_environment.Home, "my-token.json");
        _environment.Run("--token-cache", file);
        _environment.Run("--token-cache", file);
        _environment.Run("--no-token-cache");

        Assert.True(File.Exists(file));
        Assert.Equal(2, _keystone.TokensIssued);
    }
}
