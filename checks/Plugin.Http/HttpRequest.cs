using System.Text;

namespace StackFsck.Plugin.Http;

/// <summary>A request as the checks send them: a method, an absolute http(s) URL, headers and an optional body.</summary>
public sealed class HttpRequest(string method, Uri uri)
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public string Method { get; } = method;

    public Uri Uri { get; } = uri;

    public byte[]? Body { get; private set; }

    /// <summary>GET and HEAD without a body may be sent twice without changing anything on the server.</summary>
    public bool Idempotent => Method is "GET" or "HEAD" && Body is null;

    /// <summary>The URL without its query, as messages name it (a query may hold anything).</summary>
    public string Where => Uri.GetLeftPart(UriPartial.Path);

    public HttpRequest Header(string name, string value)
    {
        // A line break in a value would end the header and start another: refused, never sent (and never printed, it may be a token).
        if (value.AsSpan().ContainsAny('\r', '\n', '\0'))
        {
            throw new CheckException($"the {name} header for {Where} holds a line break");
        }

        _headers.Add(new(name, value));
        return this;
    }

    public HttpRequest Content(string contentType, byte[] body)
    {
        Body = body;
        return Header("Content-Type", contentType);
    }

    /// <summary>The request's bytes: request line, Host, the headers, Content-Length and the body.</summary>
    internal byte[] Encode()
    {
        var head = new StringBuilder()
            .Append(Method).Append(' ').Append(Uri.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(Uri.Authority).Append("\r\n")
            .Append("User-Agent: stackfsck\r\n");
        foreach ((string name, string value) in _headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (Body is not null)
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(head.Append("\r\n").ToString());
        return Body is null ? bytes : [.. bytes, .. Body];
    }
}
