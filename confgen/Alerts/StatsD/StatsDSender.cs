using System.Net;
using System.Net.Sockets;

namespace StackFsck.Alerts.StatsD;

/// <summary>A send that failed where it can be seen: the name does not resolve, or the socket reports an error.</summary>
public sealed class SendFailedException(string message) : Exception(message);

/// <summary>
/// Sends datagrams to StatsD over UDP. UDP confirms nothing, but some failures do show: the host
/// name does not resolve, the network is unreachable, or (on a connected socket) the target
/// answers "port unreachable" because nothing listens there. Those throw
/// <see cref="SendFailedException"/>, so the caller keeps its read position and sends again.
/// </summary>
public static class StatsDSender
{
    /// <summary>How long to wait after the last datagram for a "port unreachable" answer to arrive.</summary>
    private static readonly TimeSpan ErrorWait = TimeSpan.FromMilliseconds(100);

    public static void Send(StatsDTarget target, IReadOnlyList<byte[]> payloads)
    {
        IPAddress address = Resolve(target);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(address, target.Port);
            foreach (byte[] payload in payloads)
            {
                socket.Send(payload);
            }

            // A "port unreachable" answer to any datagram surfaces as an error on the next socket call.
            if (socket.Poll(ErrorWait, SelectMode.SelectRead) || socket.Poll(TimeSpan.Zero, SelectMode.SelectError))
            {
                socket.Receive(new byte[1], SocketFlags.Peek);
            }
        }
        catch (SocketException error)
        {
            throw new SendFailedException($"sending to StatsD at {target} failed: {error.Message}");
        }
    }

    private static IPAddress Resolve(StatsDTarget target)
    {
        try
        {
            IPAddress[] addresses = Dns.GetHostAddresses(target.Host);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new SendFailedException($"StatsD host {target.Host} has no address");
        }
        catch (SocketException error)
        {
            throw new SendFailedException($"cannot resolve StatsD host {target.Host}: {error.Message}");
        }
    }
}
