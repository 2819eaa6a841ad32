using System.Runtime.InteropServices;

namespace StackFsck.Plugin.Database;

/// <summary>
/// The few MariaDB Connector/C (<c>libmariadb.so.3</c>) calls the database layer uses, bound at
/// compile time with [LibraryImport] so the checks stay Native AOT clean.
/// Handles are plain pointers: <c>MYSQL*</c>, <c>MYSQL_RES*</c>, <c>MYSQL_ROW</c> (char**).
/// </summary>
internal static partial class MariaDbNative
{
    private const string Library = "libmariadb.so.3";

    /// <summary>Values of <c>enum mysql_option</c> in Connector/C 3.x's mysql.h.</summary>
    public enum Option
    {
        ConnectTimeout = 0,
        ReadDefaultFile = 4,
        ReadDefaultGroup = 5,
        CharsetName = 7,
        Protocol = 9,
        ReadTimeout = 11,
        WriteTimeout = 12,
        SslVerifyServerCert = 21,
        SslKey = 25,
        SslCert = 26,
        SslCa = 27,
        SslEnforce = 38,
    }

    /// <summary><c>MYSQL_PROTOCOL_TCP</c>: used when a port is given, so "localhost" does not silently mean the socket.</summary>
    public const uint ProtocolTcp = 1;

    /// <summary>
    /// OPENSSL_INIT_NO_ADD_ALL_CIPHERS: OpenSSL initialised without its table of ciphers by name,
    /// before Connector/C initialises it with the table (checks/Plugin.Http/OpenSsl.cs says why).
    /// </summary>
    public const ulong OpenSslWithoutCipherNames = 0x10;

    /// <summary>libssl's, which Connector/C brings (it is linked with it).</summary>
    [LibraryImport("libssl.so.3", EntryPoint = "OPENSSL_init_ssl")]
    public static partial int InitOpenSsl(ulong options, IntPtr settings);

    [LibraryImport(Library, EntryPoint = "mysql_server_init")]
    public static partial int LibraryInit(int argc, IntPtr argv, IntPtr groups);

    [LibraryImport(Library, EntryPoint = "mysql_init")]
    public static partial IntPtr Init(IntPtr mysql);

    [LibraryImport(Library, EntryPoint = "mysql_options", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OptionString(IntPtr mysql, Option option, string value);

    [LibraryImport(Library, EntryPoint = "mysql_options")]
    public static partial int OptionUInt(IntPtr mysql, Option option, in uint value);

    [LibraryImport(Library, EntryPoint = "mysql_options")]
    public static partial int OptionBool(IntPtr mysql, Option option, in byte value);

    [LibraryImport(Library, EntryPoint = "mysql_real_connect", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr RealConnect(
        IntPtr mysql, string? host, string? user, string? password, string? database, uint port, string? socket, nuint flags);

    [LibraryImport(Library, EntryPoint = "mysql_real_query")]
    public static partial int RealQuery(IntPtr mysql, byte[] query, nuint length);

    [LibraryImport(Library, EntryPoint = "mysql_use_result")]
    public static partial IntPtr UseResult(IntPtr mysql);

    [LibraryImport(Library, EntryPoint = "mysql_num_fields")]
    public static partial uint NumFields(IntPtr result);

    [LibraryImport(Library, EntryPoint = "mysql_fetch_row")]
    public static partial IntPtr FetchRow(IntPtr result);

    [LibraryImport(Library, EntryPoint = "mysql_fetch_lengths")]
    public static partial IntPtr FetchLengths(IntPtr result);

    [LibraryImport(Library, EntryPoint = "mysql_free_result")]
    public static partial void FreeResult(IntPtr result);

    [LibraryImport(Library, EntryPoint = "mysql_errno")]
    public static partial uint Errno(IntPtr mysql);

    [LibraryImport(Library, EntryPoint = "mysql_error")]
    public static partial IntPtr Error(IntPtr mysql);

    /// <summary>The TLS cipher of a connection, or NULL when it is not encrypted.</summary>
    [LibraryImport(Library, EntryPoint = "mysql_get_ssl_cipher")]
    public static partial IntPtr SslCipher(IntPtr mysql);

    [LibraryImport(Library, EntryPoint = "mysql_close")]
    public static partial void Close(IntPtr mysql);

    public static string ErrorText(IntPtr mysql) => Marshal.PtrToStringUTF8(Error(mysql)) ?? "";
}
