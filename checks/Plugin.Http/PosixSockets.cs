using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace StackFsck.Plugin.Http;

/// <summary>
/// The few libc socket calls the checks' clients make (Linux x86-64 and arm64 constants). In a Native
/// AOT executable the first System.Net.Sockets.Socket created starts .NET's epoll thread (and,
/// once a socket event arrives, a thread-pool thread to dispatch it), even when every call is
/// synchronous; a check that sends one request needs none of that. Errors are errno values,
/// worded by strerror(3) as the C plugins word them ("Connection refused").
/// </summary>
internal static partial class PosixSockets
{
    public const short PollIn = 0x001;
    public const short PollOut = 0x004;

    private const string Libc = "libc.so.6";
    private const int StreamNonBlockingCloseOnExec = 1 | 0x800 | 0x80000; // SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC
    private const int UnixFamily = 1;
    private const int UnixPathBytes = 108; // sun_path, with its terminating NUL
    private const int TcpProtocol = 6;
    private const int TcpNoDelay = 1;
    private const int SocketLevel = 1;
    private const int SocketErrorOption = 4;
    private const int NoSignal = 0x4000; // MSG_NOSIGNAL: a peer that closed gives EPIPE, not SIGPIPE
    private const int Interrupted = 4;
    private const int WouldBlock = 11;
    private const int InProgress = 115;

    /// <summary>A non-blocking TCP socket for <paramref name="family"/>, Nagle off.</summary>
    public static int Open(AddressFamily family)
    {
        int fd = socket(family == AddressFamily.InterNetworkV6 ? 10 : 2, StreamNonBlockingCloseOnExec, TcpProtocol);
        if (fd < 0)
        {
            throw Failure();
        }

        int one = 1;
        setsockopt(fd, TcpProtocol, TcpNoDelay, ref one, sizeof(int));
        return fd;
    }

    /// <summary>
    /// A non-blocking socket connected to the unix socket at <paramref name="path"/>. A unix connect
    /// does not wait on the network: it succeeds or fails at once (a full listen queue is refused).
    /// </summary>
    public static int OpenUnix(string path)
    {
        byte[] address = UnixAddress(path);
        int fd = socket(UnixFamily, StreamNonBlockingCloseOnExec, 0);
        if (fd < 0)
        {
            throw Failure();
        }

        if (connect(fd, address, address.Length) != 0)
        {
            IOException failure = Failure();
            close(fd);
            throw failure;
        }

        return fd;
    }

    /// <summary>Starts connecting; true when already connected, false when under way (wait for <see cref="PollOut"/>, then <see cref="ConnectResult"/>).</summary>
    public static bool StartConnect(int fd, IPEndPoint endPoint)
    {
        byte[] address = InternetAddress(endPoint);
        if (connect(fd, address, address.Length) == 0)
        {
            return true;
        }

        int error = Marshal.GetLastPInvokeError();
        return error is InProgress or Interrupted ? false : throw Failure(error);
    }

    /// <summary>Throws the reason a connect that was under way failed, if it did.</summary>
    public static void ConnectResult(int fd)
    {
        int error = 0;
        int length = sizeof(int);
        if (getsockopt(fd, SocketLevel, SocketErrorOption, ref error, ref length) != 0)
        {
            throw Failure();
        }

        if (error != 0)
        {
            throw Failure(error);
        }
    }

    /// <summary>Waits up to <paramref name="milliseconds"/> for <paramref name="events"/>; true when ready (or failed: the next call says how), false when the time passed or a signal came.</summary>
    public static bool Poll(int fd, short events, int milliseconds)
    {
        var entry = new PollEntry { Descriptor = fd, Events = events };
        int ready = poll(ref entry, 1, milliseconds);
        if (ready < 0 && Marshal.GetLastPInvokeError() != Interrupted)
        {
            throw Failure();
        }

        return ready > 0;
    }

    /// <summary>Bytes received, 0 at the end of the stream, -1 when none are there yet.</summary>
    public static unsafe int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            nint read = recv(fd, start, buffer.Length, 0);
            return read >= 0 ? (int)read : Again() ? -1 : throw Failure();
        }
    }

    /// <summary>Bytes sent, -1 when the send buffer is full.</summary>
    public static unsafe int Send(int fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            nint sent = send(fd, start, buffer.Length, NoSignal);
            return sent >= 0 ? (int)sent : Again() ? -1 : throw Failure();
        }
    }

    public static void Close(int fd) => close(fd);

    private static bool Again() => Marshal.GetLastPInvokeError() is WouldBlock or Interrupted;

    private static IOException Failure() => Failure(Marshal.GetLastPInvokeError());

    private static IOException Failure(int error) => new(Marshal.GetPInvokeErrorMessage(error));

    /// <summary>struct sockaddr_in or sockaddr_in6: family, port in network order, address (and for IPv6 flow info and scope).</summary>
    private static byte[] InternetAddress(IPEndPoint endPoint)
    {
        bool v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var address = new byte[v6 ? 28 : 16];
        BitConverter.TryWriteBytes(address.AsSpan(0, 2), (ushort)(v6 ? 10 : 2));
        address[2] = (byte)(endPoint.Port >> 8);
        address[3] = (byte)endPoint.Port;
        endPoint.Address.TryWriteBytes(address.AsSpan(v6 ? 8 : 4), out _);
        if (v6)
        {
            BitConverter.TryWriteBytes(address.AsSpan(24, 4), (uint)endPoint.Address.ScopeId);
        }

        return address;
    }

    /// <summary>struct sockaddr_un: family, then the path's bytes and a NUL.</summary>
    private static byte[] UnixAddress(string path)
    {
        int length = Encoding.UTF8.GetByteCount(path);
        if (length >= UnixPathBytes)
        {
            throw new IOException($"the socket path is longer than {UnixPathBytes - 1} bytes");
        }

        var address = new byte[2 + length + 1];
        BitConverter.TryWriteBytes(address.AsSpan(0, 2), (ushort)UnixFamily);
        Encoding.UTF8.GetBytes(path, address.AsSpan(2));
        return address;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollEntry
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int connect(int fd, byte[] address, int length);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int getsockopt(int fd, int level, int name, ref int value, ref int length);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int setsockopt(int fd, int level, int name, ref int value, int length);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int poll(ref PollEntry entries, nuint count, int milliseconds);

    [LibraryImport(Libc, SetLastError = true)]
    private static unsafe partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    private static unsafe partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport(Libc)]
    private static partial int close(int fd);
}
