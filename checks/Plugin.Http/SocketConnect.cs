using System.Net;
using System.Net.Sockets;

namespace StackFsck.Plugin.Http;

/// <summary>
/// Opens a TCP connection to a name or an IPv4/IPv6 address within the deadline: a non-blocking
/// connect, then poll(2) with the time left, address after address as the resolver gives them
/// (as check_http does). Name resolution itself (getaddrinfo) cannot be given a timeout; the
/// deadline's watch thread bounds it.
/// </summary>
public static class SocketConnect
{
    public static Socket Open(string host, int port, Deadline deadline)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : Dns.GetHostAddresses(host);
        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            try
            {
                return Connect(new IPEndPoint(address, port), deadline);
            }
            catch (SocketException error)
            {
                last = error;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static Socket Connect(IPEndPoint endPoint, Deadline deadline)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, NoDelay = true };
        try
        {
            try
            {
                socket.Connect(endPoint);
            }
            catch (SocketException pending) when (pending.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                SocketStream.WaitUntilReady(socket, SelectMode.SelectWrite, deadline);
                var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
