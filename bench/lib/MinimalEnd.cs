using System.Runtime.InteropServices;
using System.Text;

namespace StackFsck.Bench;

/// <summary>
/// How the floor programs (bench/db_minimal, bench/http_minimal) end, as the checks end: the line
/// goes out with write(2) and the process ends with _exit(2). .NET's Console would set up the
/// terminal and its encoding, and exit() would run the libraries' destructors, neither of which a
/// check pays.
/// </summary>
internal static unsafe partial class MinimalEnd
{
    public static int With(string line, int status)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        fixed (byte* start = bytes)
        {
            _ = Write(1, start, bytes.Length);
        }

        Exit(status);
        return status;
    }

    [LibraryImport("libc.so.6", EntryPoint = "write")]
    private static partial nint Write(int descriptor, byte* buffer, nint count);

    [LibraryImport("libc.so.6", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
