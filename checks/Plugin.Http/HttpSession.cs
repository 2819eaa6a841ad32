using System.Net.Sockets;
using System.Security.Authentication;

namespace StackFsck.Plugin.Http;

/// <summary>
/// The checks' HTTP/1.1 client: requests sent one after another on one kept-alive connection,
/// on the caller's thread, every socket wait bounded by the run's deadline. A check that needs
/// requests in flight at once opens a session per flow. Transport failures and malformed answers
/// become one <see cref="CheckException"/> sentence naming the URL; running out of time throws
/// the deadline's overrun, which the host words as the timeout.
/// </summary>
public sealed class HttpSession : IDisposable
{
    /// <summary>64 MiB: RabbitMQ's queue list with the check's columns for some 400,000 queues.</summary>
    public const long DefaultMaxBodyBytes = 64L * 1024 * 1024;

    private readonly Func<Uri, HttpConnection> _connect;
    private readonly long _maxBodyBytes;
    private HttpConnection? _connection;
    private HttpResponse? _latest;

    /// <param name="maxBodyBytes">An answer's body is read up to this size; past it the read fails.</param>
    public HttpSession(ServerTrust trust, Deadline deadline, long maxBodyBytes = DefaultMaxBodyBytes)
        : this(uri => HttpConnection.Open(uri, trust, deadline), maxBodyBytes)
    {
    }

    /// <summary>For tests: connections from <paramref name="connect"/> instead of sockets.</summary>
    internal HttpSession(Func<Uri, HttpConnection> connect, long maxBodyBytes = DefaultMaxBodyBytes)
    {
        _connect = connect;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>
    /// Sends the request and reads the answer's head. A GET or HEAD that fails on a kept-alive
    /// connection before any byte of its answer arrived is sent once more on a new connection
    /// (<see cref="StaleConnection"/>); its answer then says <see cref="HttpResponse.Retried"/>.
    /// </summary>
    public HttpResponse Send(HttpRequest request)
    {
        try
        {
            bool reused = Connect(request.Uri);
            try
            {
                return _latest = _connection!.Exchange(request, _maxBodyBytes, retried: false);
            }
            catch (Exception error) when (IsTransport(error)
                && StaleConnection.WorthRetrying(request.Method, request.Body is not null, reused, _connection!.AnswerStarted))
            {
                Close();
                Connect(request.Uri);
                return _latest = _connection!.Exchange(request, _maxBodyBytes, retried: true);
            }
        }
        catch (Exception error) when (IsTransport(error))
        {
            Close();
            throw new CheckException(Worded(error, request.Where), inner: error);
        }
    }

    public void Dispose() => Close();

    /// <summary>Keeps the open connection when the latest answer left it free for this origin, else opens one; true when kept.</summary>
    private bool Connect(Uri uri)
    {
        if (_connection is not null && _latest?.FreedConnection == true && _connection.Origin == HttpConnection.OriginOf(uri))
        {
            return true;
        }

        Close();
        _connection = _connect(uri);
        return false;
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
        _latest = null;
    }

    private static bool IsTransport(Exception error) =>
        error is HttpAnswerException or IOException or SocketException or AuthenticationException;

    private static string Worded(Exception error, string where) =>
        error is HttpAnswerException fault ? fault.Describe(where) : $"cannot reach {where}: {Transport.Reason(error)}";
}
