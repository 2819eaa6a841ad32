using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StackFsck.RabbitMq.Tests;

/// <summary>
/// A loopback server that answers every request with one fixed raw HTTP response, or accepts
/// and never answers (null response): the broken servers a check must survive.
/// </summary>
public sealed class CannedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    public CannedHttpServer(string? response)
    {
        _listener.Start();
        _ = ServeAsync(response);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static string Json(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _held.ForEach(client => client.Dispose());
    }

    private async Task ServeAsync(string? response)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                if (response is null)
                {
                    _held.Add(client);
                    continue;
                }

                using (client)
                {
                    NetworkStream stream = client.GetStream();
                    await ReadRequestHeadAsync(stream);
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads up to the blank line that ends a request's headers (a check's GET has no body).</summary>
    private async Task ReadRequestHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            int read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
