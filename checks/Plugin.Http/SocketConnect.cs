using System.Net;

namespace StackFsck.Plugin.Http;

/// <summary>
/// Opens a TCP connection to a name or an IPv4/IPv6 address within the deadline: a non-blocking
/// connect, then poll(2) with the time left, address after address as the resolver gives them
/// (as check_http does). Name resolution itself (getaddrinfo) cannot be given a timeout; the
/// deadline's timer bounds it. Or a unix socket's. Either comes back as a stream whose
/// every read and write waits at most the deadline's remaining time (<see cref="SocketStream"/>);
/// a failure to connect is an IOException worded by strerror(3) ("Connection refused").
/// </summary>
public static class SocketConnect
{
    public static Stream Open(string host, int port, Deadline deadline) => OpenSocket(host, port, deadline);

    internal static SocketStream OpenSocket(string host, int port, Deadline deadline)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : Dns.GetHostAddresses(host);
        IOException? last = null;
        foreach (IPAddress address in addresses)
        {
            try
            {
                return Connect(new IPEndPoint(address, port), deadline);
            }
            catch (IOException error)
            {
                last = error;
            }
        }

        throw last ?? new IOException($"{host} has no address");
    }

    /// <summary>Connects to the unix socket at <paramref name="path"/> (an OVSDB server's, say).</summary>
    public static Stream OpenUnix(string path, Deadline deadline) => new SocketStream(PosixSockets.OpenUnix(path), deadline);

    private static SocketStream Connect(IPEndPoint endPoint, Deadline deadline)
    {
        int fd = PosixSockets.Open(endPoint.AddressFamily);
        try
        {
            if (!PosixSockets.StartConnect(fd, endPoint))
            {
                SocketStream.WaitUntilReady(fd, PosixSockets.PollOut, deadline);
                PosixSockets.ConnectResult(fd);
            }

            return new SocketStream(fd, deadline);
        }
        catch
        {
            PosixSockets.Close(fd);
            throw;
        }
    }
}
