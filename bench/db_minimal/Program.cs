using System.Runtime.InteropServices;
using System.Text;
using StackFsck.Bench;
using StackFsck.Plugin.Database;

// db_minimal OPTION-FILE HOST PORT DATABASE SQL: what any check's run needs at the least (option
// file, TCP, the same mysql_options as the checks' layer), one line out, exit 0; 3 on any error.
// It ends as the checks end (bench/lib/MinimalEnd.cs).
if (args.Length != 5)
{
    return MinimalEnd.With("usage: db_minimal OPTION-FILE HOST PORT DATABASE SQL\n", 3);
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
    return MinimalEnd.With($"error: {MariaDbNative.ErrorText(mysql)}\n", 3);
}

IntPtr row = MariaDbNative.FetchRow(result);
string first = row == IntPtr.Zero ? "no row" : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(row)) ?? "NULL";
MariaDbNative.FreeResult(result);
MariaDbNative.Close(mysql);
return MinimalEnd.With($"OK: {first}\n", 0);
