using System.Runtime.InteropServices;
using System.Text;
using StackFsck.Plugin.Database;

// db_minimal OPTION-FILE HOST PORT DATABASE SQL: what any check's run needs at the least (option
// file, TCP, the same mysql_options as the checks' layer), one line out, exit 0; 3 on any error.
// The line goes out with write(2) and the process ends with _exit(2), as the checks do: .NET's
// Console would set up the terminal and its encoding, and exit() would run the libraries'
// destructors, neither of which a check pays.
if (args.Length != 5)
{
    return End("usage: db_minimal OPTION-FILE HOST PORT DATABASE SQL\n", 3);
}

MariaDbNative.InitOpenSsl(MariaDbNative.OpenSslWithoutCipherNames, IntPtr.Zero); // as the checks' layer initialises it
MariaDbNative.LibraryInit(0, IntPtr.Zero, IntPtr.Zero);
IntPtr mysql = MariaDbNative.Init(IntPtr.Zero);
MariaDbNative.OptionString(mysql, MariaDbNative.Option.ReadDefaultFile, args[0]);
MariaDbNative.OptionString(mysql, MariaDbNative.Option.ReadDefaultGroup, "client");
MariaDbNative.OptionString(mysql, MariaDbNative.Option.CharsetName, "utf8mb4");
MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.ConnectTimeout, 11);
MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.ReadTimeout, 11);
MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.WriteTimeout, 11);
MariaDbNative.OptionUInt(mysql, MariaDbNative.Option.Protocol, MariaDbNative.ProtocolTcp);
byte[] sql = Encoding.UTF8.GetBytes(args[4]);
if (MariaDbNative.RealConnect(mysql, args[1], null, null, args[3], uint.Parse(args[2]), null, 0) == IntPtr.Zero
    || MariaDbNative.RealQuery(mysql, sql, (nuint)sql.Length) != 0
    || MariaDbNative.UseResult(mysql) is var result && result == IntPtr.Zero)
{
    return End($"error: {MariaDbNative.ErrorText(mysql)}\n", 3);
}

IntPtr row = MariaDbNative.FetchRow(result);
string first = row == IntPtr.Zero ? "no row" : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(row)) ?? "NULL";
MariaDbNative.FreeResult(result);
MariaDbNative.Close(mysql);
return End($"OK: {first}\n", 0);

static unsafe int End(string line, int status)
{
    byte[] bytes = Encoding.UTF8.GetBytes(line);
    fixed (byte* start = bytes)
    {
        _ = Libc.write(1, start, bytes.Length);
    }

    Libc._exit(status);
    return status;
}

internal static unsafe partial class Libc
{
    [LibraryImport("libc.so.6")]
    internal static partial nint write(int descriptor, byte* buffer, nint count);

    [LibraryImport("libc.so.6")]
    internal static partial void _exit(int status);
}
