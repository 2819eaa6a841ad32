using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// Hand-made broken servers for faults no real server produces on demand: each accepts on
/// loopback (or a unix socket) and then misbehaves in one way. Named after what they do.
/// </summary>
public sealed class BrokenServer : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private readonly Func<Socket, CancellationToken, Task> _behaviour;

    private BrokenServer(EndPoint endPoint, Func<Socket, CancellationToken, Task> behaviour)
    {
        _behaviour = behaviour;
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
        _listener.Bind(endPoint);
        _listener.Listen(16);
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Accepts and never says a word: a hung service, a firewall that drops after the handshake.</summary>
    public static BrokenServer Blackhole() => new(Loopback, Silence);

    /// <summary>The same on a unix socket (a libvirtd that hangs).</summary>
    public static BrokenServer BlackholeSocket(string path) => new(new UnixDomainSocketEndPoint(path), Silence);

    /// <summary>Answers HTTP headers and the first part of the body, then stalls with the connection open.</summary>
    public static BrokenServer StallMidBody() => Http(async (socket, token) =>
    {
        await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"name\":\"compute.a\",", token);
        await Task.Delay(Timeout.Infinite, token);
    });

    /// <summary>Answers one byte a second, headers included: slow enough that no answer ever completes.</summary>
    public static BrokenServer Trickle() => Http(async (socket, token) =>
    {
        foreach (char c in "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[]")
        {
            await SendAsync(socket, c.ToString(), token);
            await Task.Delay(1000, token);
        }
    });

    /// <summary>Sends <paramref name="response"/> as raw bytes and closes: cut bodies, lying lengths, garbage.</summary>
    public static BrokenServer Answer(string response) => Http((socket, token) => SendAsync(socket, response, token));

    /// <summary>
    /// Reads what the client sends first and answers <paramref name="response"/> as raw bytes, then
    /// closes: cut or damaged answers to a protocol without HTTP framing (OVSDB's JSON-RPC).
    /// </summary>
    public static BrokenServer AnswerUnframed(string response) => new(Loopback, async (socket, token) =>
    {
        await socket.ReceiveAsync(new byte[65536], SocketFlags.None, token);
        await SendAsync(socket, response, token);
    });

    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    public static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(Loopback);
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_held)
        {
            _held.ForEach(socket => socket.Dispose());
        }
    }

    private static IPEndPoint Loopback => new(IPAddress.Loopback, 0);

    private static Task Silence(Socket socket, CancellationToken token) => Task.Delay(Timeout.Infinite, token);

    /// <summary>Reads the request head first, as a server does, then misbehaves.</summary>
    private static BrokenServer Http(Func<Socket, CancellationToken, Task> answer) => new(Loopback, async (socket, token) =>
    {
        await ReadRequestHeadAsync(socket, token);
        await answer(socket, token);
    });

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }

                _ = ServeAsync(client);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            await _behaviour(client, _stop.Token);
            client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken token) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, token);

    private static async Task ReadRequestHeadAsync(Socket socket, CancellationToken token)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
