using System.Net.Sockets;
using System.Security.Authentication;

namespace StackFsck.Plugin.Http;

/// <summary>Transport failures (sockets, TLS) in the words an operator reads.</summary>
internal static class Transport
{
    public static string Reason(Exception error) => error switch
    {
        SocketException socket => socket.Message,
        AuthenticationException tls => "TLS handshake failed: " + tls.Message,
        IOException { InnerException: SocketException socket } => socket.Message,
        IOException { InnerException: { } inner } => inner.Message,
        _ => error.Message,
    };
}
