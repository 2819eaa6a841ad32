using System.Net;
using System.Net.Sockets;

namespace StackFsck.Tests.Database;

/// <summary>A TCP port on 127.0.0.1 that accepts connections and never answers: a hung database server.</summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SilentServer()
    {
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Stop();
}
