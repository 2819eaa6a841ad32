using Microsoft.Win32.SafeHandles;

namespace StackFsck.Plugin;

/// <summary>
/// Standard output and error for an executable's entry. A wrapper may close a descriptor it does
/// not read (<c>&gt;&amp;-</c>). The program must still run and exit with its own code, and what it
/// writes there goes nowhere: not a stack trace (.NET refuses to write to a closed descriptor), and
/// never into a file. The kernel hands a closed 0, 1 or 2 to the next file opened: the runtime's
/// /dev/urandom takes the first before Main (read-only, so writes fail), a state file or log the
/// program opens later could take the next, and its output would land in it.
/// </summary>
public static class StandardStreams
{
    private const string Descriptors = "/proc/self/fdinfo/";

    /// <summary>/dev/null held on every standard descriptor found closed, for the life of the process.</summary>
    private static List<SafeFileHandle>? s_placeholders;

    public static TextWriter Output() => Open(1, static () => Console.Out);

    public static TextWriter Error() => Open(2, static () => Console.Error);

    private static TextWriter Open(int descriptor, Func<TextWriter> open)
    {
        s_placeholders ??= FillClosedDescriptors();
        if (!Writable(descriptor))
        {
            return TextWriter.Null;
        }

        try
        {
            return open();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return TextWriter.Null;
        }
    }

    /// <summary>Opens /dev/null until no standard descriptor is free: open() takes the lowest free one.</summary>
    private static List<SafeFileHandle> FillClosedDescriptors()
    {
        var placeholders = new List<SafeFileHandle>();
        if (!Directory.Exists(Descriptors))
        {
            return placeholders;
        }

        for (int descriptor = 0; descriptor <= 2; descriptor++)
        {
            if (!File.Exists(Descriptors + descriptor))
            {
                placeholders.Add(File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite));
            }
        }

        return placeholders;
    }

    /// <summary>Whether the descriptor is open for writing (fdinfo's octal flags: O_WRONLY 1, O_RDWR 2).</summary>
    private static bool Writable(int descriptor)
    {
        try
        {
            foreach (string line in File.ReadLines(Descriptors + descriptor))
            {
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                {
                    return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & 3) != 0;
                }
            }
        }
        catch (IOException)
        {
            // No /proc (a chroot without it): let the stream decide, as before.
            return true;
        }

        return true;
    }
}
