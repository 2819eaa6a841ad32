using System.Net;
using System.Net.Sockets;

namespace StackFsck.Alerts.Tests;

/// <summary>
/// A UDP listener of the test's own, in place of StatsD, because the kill tests must count
/// datagrams exactly (StatsD adds their counts up and forgets which datagram brought what).
/// </summary>
public sealed class CountingUdpListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public CountingUdpListener()
    {
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public string Target => $"127.0.0.1:{((IPEndPoint)_socket.LocalEndPoint!).Port}";

    public List<string> Datagrams { get; } = [];

    /// <summary>Takes every datagram that has arrived (a sender on loopback has delivered them by the time it exits).</summary>
    public List<string> Drain()
    {
        byte[] buffer = new byte[65536];
        while (_socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
        {
            int length = _socket.Receive(buffer);
            Datagrams.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, length));
        }

        return Datagrams;
    }

    public void Dispose() => _socket.Dispose();
}
