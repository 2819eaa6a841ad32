using System.Net;
using System.Net.Sockets;

namespace StackFsck.Alerts.StatsD;

/// <summary>
/// A send that failed where it can be seen: the name does not resolve, or the socket reports an
/// error. <see cref="Refused"/>: the error is a "port unreachable" answer to a datagram that had
/// already left (nothing listened there), not a failure of the datagram being sent.
/// </summary>
public sealed class SendFailedException(string message, bool refused = false) : Exception(message)
{
    public bool Refused { get; } = refused;
}

/// <summary>
/// Sends datagrams to StatsD over UDP, one at a time. UDP confirms nothing, but some failures do
/// show: the host name does not resolve, the network is unreachable, or (on a connected socket)
/// the target answers "port unreachable" because nothing listens there. Those throw
/// <see cref="SendFailedException"/>, so the caller can send those datagrams again.
/// </summary>
public sealed class StatsDSender : IDisposable
{
    /// <summary>How long to wait after the last datagram for a "port unreachable" answer to arrive.</summary>
    private static readonly TimeSpan ErrorWait = TimeSpan.FromMilliseconds(100);

    private readonly Socket _socket;
    private readonly StatsDTarget _target;

    private StatsDSender(Socket socket, StatsDTarget target)
    {
        _socket = socket;
        _target = target;
    }

    /// <summary>Resolves the target and connects a UDP socket to it (nothing is sent yet).</summary>
    public static StatsDSender Connect(StatsDTarget target)
    {
        IPAddress address = Resolve(target);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(address, target.Port);
            return new StatsDSender(socket, target);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw Failed(error, target);
        }
    }

    public void Send(byte[] payload)
    {
        try
        {
            _socket.Send(payload);
        }
        catch (SocketException error)
        {
            throw Failed(error, _target);
        }
    }

    /// <summary>Waits briefly for a "port unreachable" answer to the datagrams sent (it surfaces as an error on the next socket call).</summary>
    public void Confirm()
    {
        try
        {
            if (_socket.Poll(ErrorWait, SelectMode.SelectRead) || _socket.Poll(TimeSpan.Zero, SelectMode.SelectError))
            {
                _socket.Receive(new byte[1], SocketFlags.Peek);
            }
        }
        catch (SocketException error)
        {
            throw Failed(error, _target);
        }
    }

    public void Dispose() => _socket.Dispose();

    private static SendFailedException Failed(SocketException error, StatsDTarget target) =>
        new($"sending to StatsD at {target} failed: {error.Message}", error.SocketErrorCode == SocketError.ConnectionRefused);

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
