using System.Net;

namespace StackFsck.Plugin.Http;

/// <summary>
/// An answer got with <see cref="HttpSession.Send"/>: status and headers read, the body still on
/// the connection. Once the body is read to its end the session may send its next request on the
/// same connection; an answer left unread closes it.
/// </summary>
public sealed class HttpResponse
{
    private readonly ResponseHead _head;
    private readonly ResponseBody _body;

    internal HttpResponse(ResponseHead head, ResponseBody body, string where, bool retried)
    {
        _head = head;
        _body = body;
        Where = where;
        Retried = retried;
    }

    public HttpStatusCode StatusCode => _head.Status;

    public string ReasonPhrase => _head.Reason;

    /// <summary>The URL without its query, as messages name it.</summary>
    public string Where { get; }

    /// <summary>Sent a second time: the server had closed the kept-alive connection the request first went out on.</summary>
    public bool Retried { get; }

    /// <summary>The body; a read that fails throws one <see cref="CheckException"/> sentence naming the URL.</summary>
    public Stream Body => _body;

    /// <summary>The connection can carry the next request: the body was read to its end and the server keeps it open.</summary>
    internal bool FreedConnection => _body.Complete && _head.KeepsAlive && !_body.EndsWithConnection;

    public string? Header(string name) => _head.Header(name);

    /// <summary>Reads the body to its end and drops it.</summary>
    public void Drain() => _body.CopyTo(Stream.Null);
}
