namespace StackFsck.Plugin;

/// <summary>
/// Files that hold a password (option files, credentials files, clouds.yaml): one readable by
/// every user, or writable by anyone but its owner, is still used (the check must run) but named
/// in the long output, as ssh and the mysql client complain about such files.
/// </summary>
public static class SecretFiles
{
    private const UnixFileMode Exposing = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite;

    /// <summary>Warns through <paramref name="warn"/> when <paramref name="path"/> is exposed; a file it cannot stat is left to the reader to report.</summary>
    public static void Inspect(string path, string what, Action<string> warn)
    {
        if (Exposure(path) is string problem)
        {
            warn($"warning: {what} {path} is {problem}: it holds a password (chmod o-rwx,g-w {path})");
        }
    }

    /// <summary>What is wrong with the file's mode, or null when only its owner (and group, to read) may use it.</summary>
    public static string? Exposure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        string octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        return (mode & Exposing) == 0 ? null
            : (mode & UnixFileMode.OtherRead) != 0 ? $"readable by every user (mode {octal})"
            : $"writable by others than its owner (mode {octal})";
    }
}
