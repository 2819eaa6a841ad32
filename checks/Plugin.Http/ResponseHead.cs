using System.Net;

namespace StackFsck.Plugin.Http;

/// <summary>
/// The status line and headers of an answer (RFC 9112 section 4 and 5), read strictly enough to
/// refuse what does not add up and leniently where servers differ harmlessly (a bare LF, no
/// reason phrase, HTTP/1.0). Interim 1xx answers are skipped.
/// </summary>
public sealed class ResponseHead
{
    /// <summary>All header lines together; a server sending more is refused (nginx's default is 32 KiB).</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private readonly List<KeyValuePair<string, string>> _headers;

    private ResponseHead(int minorVersion, HttpStatusCode status, string reason, List<KeyValuePair<string, string>> headers)
    {
        MinorVersion = minorVersion;
        Status = status;
        Reason = reason;
        _headers = headers;
    }

    /// <summary>1 for HTTP/1.1, 0 for HTTP/1.0.</summary>
    public int MinorVersion { get; }

    public HttpStatusCode Status { get; }

    public string Reason { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => _headers.FirstOrDefault(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Every value of a header, comma-separated lists and repeated lines alike, trimmed.</summary>
    /// <remarks>
    /// A loop, not a LINQ chain: Select on a Where iterator is a generic virtual method, which a
    /// Native AOT check resolves through its type loader at run time (3 % of a one-GET run, perf).
    /// </remarks>
    public List<string> Values(string name)
    {
        var values = new List<string>();
        foreach ((string key, string value) in _headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (string item in value.Split(','))
                {
                    values.Add(item.Trim());
                }
            }
        }

        return values;
    }

    /// <summary>Whether the server keeps the connection open after this answer (HTTP/1.1 unless "close"; HTTP/1.0 only with "keep-alive").</summary>
    public bool KeepsAlive => MinorVersion >= 1
        ? !Values("Connection").Contains("close", StringComparer.OrdinalIgnoreCase)
        : Values("Connection").Contains("keep-alive", StringComparer.OrdinalIgnoreCase);

    internal static ResponseHead Read(AnswerReader reader)
    {
        while (true)
        {
            ResponseHead head = ReadOne(reader);
            if ((int)head.Status is < 100 or > 199)
            {
                return head;
            }

            if (head.Status == HttpStatusCode.SwitchingProtocols)
            {
                throw new HttpAnswerException(HttpAnswerFault.NotHttp, "the server switched protocols unasked (HTTP 101)");
            }
        }
    }

    private static ResponseHead ReadOne(AnswerReader reader)
    {
        string line = reader.ReadLine()
            ?? throw new HttpAnswerException(HttpAnswerFault.NotHttp, "the server closed the connection without answering");
        (int minor, HttpStatusCode status, string reason) = StatusLine(line);
        var headers = new List<KeyValuePair<string, string>>();
        int size = 0;
        while (reader.ReadLine() is { } header)
        {
            if (header.Length == 0)
            {
                return new ResponseHead(minor, status, reason, headers);
            }

            size += header.Length + 2;
            if (size > MaxHeaderBytes)
            {
                throw new HttpAnswerException(HttpAnswerFault.TooLarge, $"headers over {MaxHeaderBytes / 1024} KiB");
            }

            headers.Add(HeaderLine(header));
        }

        throw new HttpAnswerException(HttpAnswerFault.BrokeOff, "the server closed the connection within the headers");
    }

    /// <summary>"HTTP/1.1 200 OK": the version, three digits, an optional reason phrase.</summary>
    private static (int Minor, HttpStatusCode Status, string Reason) StatusLine(string line)
    {
        bool valid = line.Length >= 12 && line.StartsWith("HTTP/1.", StringComparison.Ordinal)
            && char.IsAsciiDigit(line[7]) && line[8] == ' '
            && char.IsAsciiDigit(line[9]) && char.IsAsciiDigit(line[10]) && char.IsAsciiDigit(line[11])
            && line[9] != '0' && (line.Length == 12 || line[12] == ' ');
        if (!valid)
        {
            throw new HttpAnswerException(HttpAnswerFault.NotHttp, $"not an HTTP answer (it began '{Shown(line)}')");
        }

        return (line[7] - '0', (HttpStatusCode)int.Parse(line.AsSpan(9, 3)), line.Length > 13 ? line[13..] : "");
    }

    /// <summary>"Name: value": a token name, no space before the colon (RFC 9112 5.1), no folded continuation.</summary>
    private static KeyValuePair<string, string> HeaderLine(string line)
    {
        int colon = line.IndexOf(':');
        if (colon <= 0 || !line.AsSpan(0, colon).ContainsOnlyToken())
        {
            throw new HttpAnswerException(HttpAnswerFault.Damaged, $"a malformed header line '{Shown(line)}'");
        }

        return new(line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
    }

    /// <summary>The start of a line, printable, for a reason that quotes it.</summary>
    private static string Shown(string line) => PluginText.Printable(line.Length > 40 ? line[..40] + "..." : line);
}
