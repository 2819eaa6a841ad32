using System.Text.Json.Nodes;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>The checker's own token, issued by the real Keystone, is cached between runs, privately, and renewed once when refused.</summary>
public sealed class TokenCacheTests : RealKeystoneTest
{
    private string CacheFile() => Assert.Single(Directory.GetFiles(Path.Combine(Check.CacheHome, "stackfsck")));

    private string CachedToken(string file) => JsonNode.Parse(File.ReadAllText(file))!["token"]!.GetValue<string>();

    [Fact]
    public void Consecutive_runs_share_one_token_in_an_owner_only_file()
    {
        CheckRun first = Check.Run("-vvv", "--count", "2");
        string token = CachedToken(CacheFile());
        CheckRun second = Check.Run("-vvv", "--count", "2");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Contains("Keystone issued a token", first.Stderr);
        Assert.Contains("reusing the cached token", second.Stderr);
        Assert.DoesNotContain("Keystone issued a token", second.Stderr);
        string file = CacheFile();
        Assert.Equal(token, CachedToken(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.DoesNotContain(token, first.Stdout + first.Stderr + second.Stdout + second.Stderr);
        Assert.DoesNotContain(KeystoneApi.AdminPassword, first.Stdout + first.Stderr);
    }

    [Fact]
    public async Task A_cached_token_revoked_in_keystone_is_renewed_once()
    {
        Assert.Equal(0, Check.Run("--count", "2").ExitCode);
        string revoked = CachedToken(CacheFile());
        await KeystoneApi.RevokeAsync(revoked);

        CheckRun renewed = Check.Run("--count", "2", "-v");

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        Assert.Contains("Keystone refused the cached token; renewing it once", renewed.Stderr);
        Assert.NotEqual(revoked, CachedToken(CacheFile()));
        Assert.Equal(0, renewed.Perf("errors"));
    }

    [Fact]
    public void A_cache_file_others_can_read_is_not_trusted()
    {
        Assert.Equal(0, Check.Run("--count", "2").ExitCode);
        string first = CachedToken(CacheFile());
        File.SetUnixFileMode(CacheFile(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Equal(0, Check.Run("--count", "2").ExitCode);

        Assert.NotEqual(first, CachedToken(CacheFile()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile()));
    }

    [Fact]
    public void An_explicit_cache_file_and_no_cache_are_honoured()
    {
        string file = Path.Combine(Check.Home, "my-token.json");
        Check.Run("--token-cache", file, "--count", "1");
        CheckRun cached = Check.Run("--token-cache", file, "--count", "1", "-v");
        CheckRun uncached = Check.Run("--no-token-cache", "--count", "1", "-v");

        Assert.True(File.Exists(file));
        Assert.Contains("reusing the cached token", cached.Stderr);
        Assert.Contains("Keystone issued a token", uncached.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Check.CacheHome, "stackfsck")));
    }
}
