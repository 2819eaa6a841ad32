using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using StackFsck.Bench;

// http_minimal PORT PATH: one https GET of PATH from 127.0.0.1:PORT, the certificate not judged (as
// check_http --ssl), the status line out, exit 0; 3 on any error. What it leaves out of a check's
// run is all the check's own work: options, the -t timer, the answer's parsing and the report.
// OpenSSL is initialised as the checks initialise it (checks/Plugin.Http/OpenSsl.cs); it ends as
// the checks end (bench/lib/MinimalEnd.cs).
if (args.Length != 2 || !ushort.TryParse(args[0], out ushort port))
{
    return MinimalEnd.With("usage: http_minimal PORT PATH\n", 3);
}

int socket = Native.Connect(IPAddress.Loopback, port);
if (socket < 0 || !NativeLibrary.TryLoad("libssl.so.3", out nint libssl))
{
    return MinimalEnd.With("error: no connection or no libssl.so.3\n", 3);
}

unsafe
{
    var init = (delegate* unmanaged<ulong, nint, int>)NativeLibrary.GetExport(libssl, "OPENSSL_init_ssl");
    var clientMethod = (delegate* unmanaged<nint>)NativeLibrary.GetExport(libssl, "TLS_client_method");
    var newContext = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(libssl, "SSL_CTX_new");
    var newSession = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(libssl, "SSL_new");
    var setSocket = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(libssl, "SSL_set_fd");
    var connect = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(libssl, "SSL_connect");
    var write = (delegate* unmanaged<nint, byte*, int, int>)NativeLibrary.GetExport(libssl, "SSL_write");
    var read = (delegate* unmanaged<nint, byte*, int, int>)NativeLibrary.GetExport(libssl, "SSL_read");

    const ulong NoAddAllCiphers = 0x10;
    nint session = init(NoAddAllCiphers, 0) == 1 && newContext(clientMethod()) is var context && context != 0 ? newSession(context) : 0;
    if (session == 0 || setSocket(session, socket) != 1 || connect(session) != 1)
    {
        return MinimalEnd.With("error: TLS handshake failed\n", 3);
    }

    byte[] request = Encoding.ASCII.GetBytes($"GET {args[1]} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    byte[] answer = new byte[64 * 1024];
    int length = 0;
    fixed (byte* sent = request)
    fixed (byte* received = answer)
    {
        _ = write(session, sent, request.Length);
        for (int count; length < answer.Length && (count = read(session, received + length, answer.Length - length)) > 0;)
        {
            length += count;
        }
    }

    int lineEnd = Array.IndexOf(answer, (byte)'\r', 0, length);
    return MinimalEnd.With($"{Encoding.ASCII.GetString(answer, 0, Math.Max(lineEnd, 0))}, {length} bytes\n", lineEnd > 0 ? 0 : 3);
}

internal static unsafe partial class Native
{
    /// <summary>A blocking IPv4 connect through libc, as the checks' client opens its sockets (no .NET Socket).</summary>
    public static int Connect(IPAddress address, ushort port)
    {
        int socket = Socket(2, 1, 0); // AF_INET, SOCK_STREAM
        byte* sockaddr = stackalloc byte[16];
        new Span<byte>(sockaddr, 16).Clear();
        sockaddr[0] = 2;
        sockaddr[2] = (byte)(port >> 8);
        sockaddr[3] = (byte)port;
        address.TryWriteBytes(new Span<byte>(sockaddr + 4, 4), out _);
        return socket >= 0 && ConnectSocket(socket, sockaddr, 16) == 0 ? socket : -1;
    }

    [LibraryImport("libc.so.6", EntryPoint = "socket")]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc.so.6", EntryPoint = "connect")]
    private static partial int ConnectSocket(int socket, byte* address, int length);
}
