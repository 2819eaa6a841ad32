using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StackFsck.Plugin.Tests.Http;

/// <summary>
/// A hand-made HTTP server on loopback for answers no real server sends on demand (cut chunks,
/// lying lengths, garbage): for each request it reads the head, then writes the next canned
/// answer as raw bytes. It closes the connection after each answer unless told to keep it, as
/// uWSGI's --http-socket does without saying so.
/// </summary>
internal sealed class HandMadeHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<int, string> _answer;
    private readonly bool _keepOpen;
    private int _requests;
    private int _connections;
    private int _closed;

    /// <param name="answer">The raw answer to the request numbered from 0.</param>
    public HandMadeHttpServer(Func<int, string> answer, bool keepOpen = false, IPAddress? address = null)
    {
        _answer = answer;
        _keepOpen = keepOpen;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections this server has closed.</summary>
    public int Closed => Volatile.Read(ref _closed);

    public void Dispose() => _listener.Stop();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptSocketAsync();
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (Exception error) when (error is ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                do
                {
                    if (!await ReadHeadAsync(client))
                    {
                        return;
                    }

                    await client.SendAsync(Encoding.Latin1.GetBytes(_answer(Interlocked.Increment(ref _requests) - 1)));
                }
                while (_keepOpen);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
        }

        Interlocked.Increment(ref _closed);
    }

    /// <summary>Reads up to the blank line ending a request head (and a Content-Length body); false when the client closed first.</summary>
    private static async Task<bool> ReadHeadAsync(Socket client)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await client.ReceiveAsync(one) == 0)
            {
                return false;
            }

            head.Append((char)one[0]);
        }

        string? length = head.ToString().Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length: ", StringComparison.Ordinal));
        for (int left = length is null ? 0 : int.Parse(length[16..]); left > 0; left--)
        {
            await client.ReceiveAsync(one);
        }

        return true;
    }
}
