using System.Runtime.InteropServices;
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
/// <remarks>
/// The descriptors are asked with fcntl(F_GETFL), one system call each: reading their
/// /proc/self/fdinfo files through .NET's file streams instead cost about a fifth of a check's
/// managed start-up (bench/db_startup.sh).
/// </remarks>
public static partial class StandardStreams
{
    private const int GetStatusFlags = 3; // F_GETFL
    private const int AccessMode = 3; // O_ACCMODE
    private const int ReadOnly = 0; // O_RDONLY

    /// <summary>/dev/null held on every standard descriptor found closed, for the life of the process.</summary>
    private static List<SafeFileHandle>? s_placeholders;

    public static TextWriter Output() => Open(1);

    public static TextWriter Error() => Open(2);

    private static TextWriter Open(int descriptor)
    {
        s_placeholders ??= FillClosedDescriptors();
        return Writable(descriptor) ? DescriptorWriter.Open(descriptor) : TextWriter.Null;
    }

    /// <summary>Opens /dev/null until no standard descriptor is free: open() takes the lowest free one.</summary>
    private static List<SafeFileHandle> FillClosedDescriptors()
    {
        var placeholders = new List<SafeFileHandle>();
        for (int descriptor = 0; descriptor <= 2; descriptor++)
        {
            if (fcntl(descriptor, GetStatusFlags) < 0)
            {
                placeholders.Add(File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite));
            }
        }

        return placeholders;
    }

    /// <summary>
    /// Whether the descriptor is open for writing. A placeholder that FillClosedDescriptors put
    /// there counts: its /dev/null swallows what is written, which is what a closed stream wants.
    /// </summary>
    private static bool Writable(int descriptor) => (fcntl(descriptor, GetStatusFlags) & AccessMode) != ReadOnly;

    [LibraryImport("libc.so.6")]
    private static partial int fcntl(int descriptor, int command);
}
