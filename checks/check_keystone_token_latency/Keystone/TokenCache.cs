using System.Text;
using System.Text.Json;
using StackFsck.Checks.KeystoneLatency.Cloud;

namespace StackFsck.Checks.KeystoneLatency.Keystone;

/// <summary>
/// The checker's own token, kept between runs so that a check every minute does not issue 1,440
/// tokens a day. The file is created readable by its owner only (0600, in a 0700 folder) and
/// replaced atomically (written beside, then renamed), so a reader never sees half a token. A
/// file that others could read, or that does not parse, is ignored and replaced.
/// </summary>
internal sealed class TokenCache(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersAny = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Path { get; } = path;

    /// <summary>
    /// ~/.cache/stackfsck/keystone-token-HASH.json (XDG_CACHE_HOME if set), one file per user, scope
    /// and Keystone; null when neither XDG_CACHE_HOME nor HOME is set.
    /// </summary>
    public static string? DefaultPath(KeystoneCredentials credentials, ClientEnvironment environment)
    {
        string? cacheHome = environment.Get("XDG_CACHE_HOME")
            ?? (environment.Get("HOME") is { } home ? System.IO.Path.Combine(home, ".cache") : null);
        if (cacheHome is null)
        {
            return null;
        }

        return System.IO.Path.Combine(cacheHome, "stackfsck", $"keystone-token-{NameHash(credentials.CacheIdentity):x16}.json");
    }

    /// <summary>
    /// FNV-1a, 64 bits: a file name per identity, not a secret (the file is its owner's alone), as
    /// wide as the truncated SHA-256 it replaces. SHA-256 linked .NET's cryptography into the check
    /// and loaded OpenSSL at every run, over plain http too.
    /// </summary>
    private static ulong NameHash(string identity)
    {
        ulong hash = 14695981039346656037;
        foreach (byte octet in Encoding.UTF8.GetBytes(identity))
        {
            hash = (hash ^ octet) * 1099511628211;
        }

        return hash;
    }

    /// <summary>The cached token if it stays valid for longer than <paramref name="margin"/>; otherwise null.</summary>
    public CachedToken? Read(TimeSpan margin)
    {
        try
        {
            if (!File.Exists(Path) || (File.GetUnixFileMode(Path) & OthersAny) != 0)
            {
                return null;
            }

            CachedToken? cached = JsonSerializer.Deserialize(File.ReadAllText(Path), AuthJson.Default.CachedToken);
            return cached is not null && cached.Token.Length > 0 && cached.ExpiresAt - DateTimeOffset.UtcNow > margin ? cached : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Saves a token; returns the reason when it cannot (the check still runs, only uncached).</summary>
    public string? Write(CachedToken token)
    {
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        string temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, token, AuthJson.Default.CachedToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return error.Message;
        }
    }

    public void Forget() => TryDelete(Path);

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A stale file that cannot be removed is only rewritten later; the run goes on.
        }
    }
}
