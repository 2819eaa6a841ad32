namespace StackFsck.Plugin.Http;

/// <summary>One TCP connection (TLS inside for https) carrying requests one after another.</summary>
internal sealed class HttpConnection : IDisposable
{
    private readonly Stream _stream;
    private readonly AnswerReader _reader;
    private long _receivedBeforeRequest;

    /// <summary>Over any stream: a socket's, a TLS stream's, or a test's canned bytes.</summary>
    internal HttpConnection(Stream stream, string origin)
    {
        _stream = stream;
        _reader = new AnswerReader(stream);
        Origin = origin;
    }

    /// <summary>scheme://host:port: a kept connection serves only requests to the same origin.</summary>
    public string Origin { get; }

    /// <summary>Requests sent on this connection so far.</summary>
    public int Requests { get; private set; }

    /// <summary>A byte arrived after the latest request went out: its answer had begun.</summary>
    public bool AnswerStarted => _reader.Received > _receivedBeforeRequest;

    public static string OriginOf(Uri uri) => $"{uri.Scheme}://{uri.Authority}";

    /// <summary>Connects to the URL's host and port within the deadline; for https, the TLS handshake judged by <paramref name="trust"/>.</summary>
    public static HttpConnection Open(Uri uri, ServerTrust trust, Deadline deadline)
    {
        SocketStream socket = SocketConnect.OpenSocket(uri.IdnHost, uri.Port, deadline);
        Stream stream = uri.Scheme == Uri.UriSchemeHttps ? TlsStream.Connect(socket, uri.IdnHost, trust) : socket;
        return new HttpConnection(stream, OriginOf(uri));
    }

    /// <summary>Sends the request and reads the answer's head; the body stays on the connection.</summary>
    public HttpResponse Exchange(HttpRequest request, long limit, bool retried)
    {
        _receivedBeforeRequest = _reader.Received;
        Requests++;
        _stream.Write(request.Encode());
        _stream.Flush();
        ResponseHead head = ResponseHead.Read(_reader);
        ResponseBody body = ResponseBody.For(head, request.Method == "HEAD", _reader, limit, request.Where);
        return new HttpResponse(head, body, request.Where, retried);
    }

    public void Dispose() => _stream.Dispose();
}
