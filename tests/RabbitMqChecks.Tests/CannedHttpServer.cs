using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace StackFsck.RabbitMq.Tests;

/// <summary>
/// A loopback server that answers every request with one fixed raw HTTP response, or accepts
/// and never answers (null response): the broken servers a check must survive. Given a
/// certificate it speaks https, for the trust decisions of the check's own process.
/// </summary>
public sealed class CannedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    public CannedHttpServer(string? response, X509Certificate2? certificate = null)
    {
        _listener.Start();
        _ = ServeAsync(response, certificate);
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

    private async Task ServeAsync(string? response, X509Certificate2? certificate)
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
                    await AnswerAsync(client.GetStream(), response, certificate);
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

    private async Task AnswerAsync(NetworkStream plain, string response, X509Certificate2? certificate)
    {
        await using Stream stream = certificate is null ? plain : new SslStream(plain);
        try
        {
            if (stream is SslStream tls)
            {
                await tls.AuthenticateAsServerAsync(certificate!);
            }

            await ReadRequestHeadAsync(stream);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
        }
        catch (Exception refused) when (refused is AuthenticationException or IOException)
        {
            // The check refused the certificate and closed: the next connection may come from another run.
        }
    }

    /// <summary>Reads up to the blank line that ends a request's headers (a check's GET has no body).</summary>
    private async Task ReadRequestHeadAsync(Stream stream)
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
