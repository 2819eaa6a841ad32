using System.Net;
using System.Text;
using StackFsck.Plugin.Http;

namespace StackFsck.Plugin.Tests.Http;

/// <summary>
/// The client against a hand-made server on loopback: the malformed answers servers really send
/// each end in one sentence naming the URL (what the operator reads as the check's first line),
/// well-formed framings read whole, kept-alive connections reused, and a request the server's
/// silent close cut off sent once more when that cannot change anything on the server.
/// </summary>
public sealed class HttpSessionTests : IDisposable
{
    private const string Ok = "HTTP/1.1 200 OK\r\n";

    /// <summary>A body many times the reader's buffer, so that most of it is read straight into its reader's span.</summary>
    private static readonly string LongBody = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i:D9}\n"));

    private readonly Deadline _deadline = new(new TimeoutSetting(30, Status.Unknown), _ => false);

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "truncated chunk", $"{Ok}Transfer-Encoding: chunked\r\n\r\n40\r\nabc", "broke off before its end (the server closed the connection mid-chunk)" },
        { "no last chunk", $"{Ok}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", "broke off before its end (the server closed the connection between chunks)" },
        { "chunk longer than its size", $"{Ok}Transfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n", "is damaged (a chunk longer than its size)" },
        { "chunk size not hexadecimal", $"{Ok}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "is damaged (chunk size 'zz' is not hexadecimal)" },
        { "unknown transfer coding", $"{Ok}Transfer-Encoding: gzip\r\n\r\nabc", "is damaged (transfer coding 'gzip' is not supported)" },
        { "close mid-body", $"{Ok}Content-Length: 100\r\n\r\n0123456789", "broke off before its end (the server closed the connection after 10 of 100 bytes)" },
        { "Content-Length not a number", $"{Ok}Content-Length: ten\r\n\r\n0123456789", "is damaged (Content-Length 'ten' is not a byte count)" },
        { "negative Content-Length", $"{Ok}Content-Length: -5\r\n\r\n0123456789", "is damaged (Content-Length '-5' is not a byte count)" },
        { "conflicting Content-Length", $"{Ok}Content-Length: 5\r\nContent-Length: 6\r\n\r\n0123456789", "is damaged (conflicting Content-Length values 5, 6)" },
        { "conflicting Content-Length list", $"{Ok}Content-Length: 5, 6\r\n\r\n0123456789", "is damaged (conflicting Content-Length values 5, 6)" },
        { "oversized headers", $"{Ok}{string.Concat(Enumerable.Repeat($"X-Filler: {new string('x', 1000)}\r\n", 70))}\r\n", "is too large (headers over 64 KiB)" },
        { "oversized header line", $"{Ok}X-Filler: {new string('x', 20_000)}\r\n\r\n", "is too large (a line longer than 16 KiB)" },
        { "malformed header line", $"{Ok}Content Length: 5\r\n\r\nabcde", "is damaged (a malformed header line 'Content Length: 5')" },
        { "closed within the headers", $"{Ok}Content-Length: 5\r\n", "broke off before its end (the server closed the connection within the headers)" },
        { "garbage status line", "SSH-2.0-OpenSSH_9.2\r\n", "cannot reach {0}: not an HTTP answer (it began 'SSH-2.0-OpenSSH_9.2')" },
        { "status without code", "HTTP/1.1 OK\r\n\r\n", "cannot reach {0}: not an HTTP answer (it began 'HTTP/1.1 OK')" },
        { "closed at once", "", "cannot reach {0}: the server closed the connection without answering" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_answer_is_one_sentence_naming_the_url(string fault, string answer, string expected)
    {
        using var server = new HandMadeHttpServer(_ => answer);
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);
        string url = $"http://127.0.0.1:{server.Port}/api/queues";

        CheckException error = Assert.Throws<CheckException>(() => session.Send(new HttpRequest("GET", new Uri(url + "?columns=name"))).Drain());

        Assert.True(error.Message == (expected.StartsWith("cannot reach", StringComparison.Ordinal)
            ? string.Format(expected, url) : $"the answer from {url} {expected}"), $"{fault}: {error.Message}");
    }

    public static TheoryData<string, string, string> WellFormed => new()
    {
        { "Content-Length", $"{Ok}Content-Length: 5\r\n\r\nabcde", "abcde" },
        { "repeated equal Content-Length", $"{Ok}Content-Length: 5\r\nContent-Length: 5\r\n\r\nabcde", "abcde" },
        { "chunked, extension and trailer", $"{Ok}Transfer-Encoding: chunked\r\n\r\n3;name=x\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n", "abcde" },
        { "until close, HTTP/1.0", "HTTP/1.0 200 OK\r\n\r\nabcde", "abcde" },
        { "interim 100 Continue first", $"HTTP/1.1 100 Continue\r\n\r\n{Ok}Content-Length: 5\r\n\r\nabcde", "abcde" },
        { "bare LF line ends, no reason", "HTTP/1.1 200\nContent-Length: 5\n\nabcde", "abcde" },
        { "204 has no body", "HTTP/1.1 204 No Content\r\n\r\n", "" },
        { "a header line just under 16 KiB", $"{Ok}X-Filler: {new string('x', 16_300)}\r\nContent-Length: 5\r\n\r\nabcde", "abcde" },
        { "a long body by Content-Length", $"{Ok}Content-Length: 100000\r\n\r\n{LongBody}", LongBody },
        { "a long chunk, then a short one", $"{Ok}Transfer-Encoding: chunked\r\n\r\n{LongBody.Length:x}\r\n{LongBody}\r\n3\r\nabc\r\n0\r\n\r\n", LongBody + "abc" },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void A_well_formed_answer_is_read_whole(string framing, string answer, string body)
    {
        using var server = new HandMadeHttpServer(_ => answer);
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);

        HttpResponse response = session.Send(new HttpRequest("GET", new Uri($"http://127.0.0.1:{server.Port}/")));

        // In reads of 80 KiB (CopyTo's), as a streaming reader asks once its buffer has grown.
        var received = new MemoryStream();
        response.Body.CopyTo(received);
        Assert.True(body == Encoding.Latin1.GetString(received.ToArray()), framing);
    }

    [Fact]
    public void A_body_over_the_limit_is_refused_whatever_its_framing_announced()
    {
        using var server = new HandMadeHttpServer(_ => $"{Ok}Content-Length: 20\r\n\r\n01234567890123456789");
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline, maxBodyBytes: 10);

        CheckException error = Assert.Throws<CheckException>(() => session.Send(new HttpRequest("GET", new Uri($"http://127.0.0.1:{server.Port}/"))).Drain());

        Assert.Equal($"the answer from http://127.0.0.1:{server.Port}/ is too large (over 10 bytes, the most this check reads)", error.Message);
    }

    [Fact]
    public void An_answer_to_head_has_no_body_whatever_its_length_says()
    {
        using var server = new HandMadeHttpServer(_ => $"{Ok}Content-Length: 5\r\n\r\n", keepOpen: true);
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);
        var uri = new Uri($"http://127.0.0.1:{server.Port}/");

        session.Send(new HttpRequest("HEAD", uri)).Drain();
        session.Send(new HttpRequest("HEAD", uri)).Drain();

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void Requests_in_turn_share_one_kept_alive_connection()
    {
        using var server = new HandMadeHttpServer(n => $"{Ok}Content-Length: 1\r\n\r\n{n}", keepOpen: true);
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);
        var uri = new Uri($"http://127.0.0.1:{server.Port}/");

        string[] bodies = [.. Enumerable.Range(0, 3).Select(_ => new StreamReader(session.Send(new HttpRequest("GET", uri)).Body).ReadToEnd())];

        Assert.Equal(["0", "1", "2"], bodies);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void A_get_on_a_connection_the_server_closed_after_its_answer_is_sent_again()
    {
        // uWSGI's --http-socket (Debian's Keystone) answers as HTTP/1.1 with a length and closes, saying nothing.
        using var server = new HandMadeHttpServer(n => $"{Ok}Content-Length: 1\r\n\r\n{n}");
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);
        var uri = new Uri($"http://127.0.0.1:{server.Port}/");
        HttpResponse first = session.Send(new HttpRequest("GET", uri));
        first.Drain();
        WaitUntilClosed(server);

        HttpResponse second = session.Send(new HttpRequest("GET", uri));

        Assert.False(first.Retried);
        Assert.True(second.Retried);
        Assert.Equal("1", new StreamReader(second.Body).ReadToEnd());
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public void A_post_on_a_connection_the_server_closed_is_not_sent_again()
    {
        using var server = new HandMadeHttpServer(n => $"{Ok}Content-Length: 1\r\n\r\n{n}");
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);
        var uri = new Uri($"http://127.0.0.1:{server.Port}/tokens");
        session.Send(new HttpRequest("GET", uri)).Drain();
        WaitUntilClosed(server);

        CheckException error = Assert.Throws<CheckException>(() => session.Send(new HttpRequest("POST", uri).Content("application/json", "{}"u8.ToArray())));

        Assert.StartsWith($"cannot reach {uri}: ", error.Message);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void A_server_that_stalls_mid_body_is_left_when_the_deadline_runs_out()
    {
        // A first request JIT-compiles the client and the server: alone in a fresh test host that
        // took longer than the half second, which then ran out "while starting", not mid-body.
        using (var warm = new HandMadeHttpServer(_ => $"{Ok}Content-Length: 2\r\n\r\nok"))
        using (var warmSession = new HttpSession(ServerTrust.From(null, insecure: false), _deadline))
        {
            warmSession.Send(new HttpRequest("GET", new Uri($"http://127.0.0.1:{warm.Port}/"))).Drain();
        }

        using var deadline = new Deadline(new TimeoutSetting(0.5, Status.Unknown), _ => false);
        using var server = new HandMadeHttpServer(_ => $"{Ok}Content-Length: 100\r\n\r\nabc", keepOpen: true);
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), deadline);

        HttpResponse response = session.Send(new HttpRequest("GET", new Uri($"http://127.0.0.1:{server.Port}/")));

        Assert.Throws<OperationCanceledException>(response.Drain);
        Assert.True(deadline.Expired);
    }

    [Fact]
    public void Ipv6_addresses_and_names_are_reached()
    {
        using var v6 = new HandMadeHttpServer(_ => $"{Ok}Content-Length: 2\r\n\r\nv6", address: IPAddress.IPv6Loopback);
        using var v4 = new HandMadeHttpServer(_ => $"{Ok}Content-Length: 4\r\n\r\nname");
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);

        HttpResponse literal = session.Send(new HttpRequest("GET", new Uri($"http://[::1]:{v6.Port}/")));
        Assert.Equal("v6", new StreamReader(literal.Body).ReadToEnd());
        HttpResponse named = session.Send(new HttpRequest("GET", new Uri($"http://localhost:{v4.Port}/")));

        Assert.Equal("name", new StreamReader(named.Body).ReadToEnd());
    }

    [Fact]
    public void A_refused_connection_names_the_url_and_the_reason()
    {
        using var server = new HandMadeHttpServer(_ => "");
        int port = server.Port;
        server.Dispose();
        using var session = new HttpSession(ServerTrust.From(null, insecure: false), _deadline);

        CheckException error = Assert.Throws<CheckException>(() => session.Send(new HttpRequest("GET", new Uri($"http://127.0.0.1:{port}/api?secret=1"))));

        Assert.Equal($"cannot reach http://127.0.0.1:{port}/api: Connection refused", error.Message);
    }

    [Fact]
    public void A_header_value_with_a_line_break_is_refused_without_printing_it()
    {
        CheckException error = Assert.Throws<CheckException>(() => new HttpRequest("GET", new Uri("http://127.0.0.1/")).Header("X-Auth-Token", "secret\r\nX-Evil: 1"));

        Assert.DoesNotContain("secret", error.Message);
    }

    public void Dispose() => _deadline.Dispose();

    /// <summary>The hand-made server closes right after its answer; the test sends only once that close has happened.</summary>
    private static void WaitUntilClosed(HandMadeHttpServer server)
    {
        SpinWait.SpinUntil(() => server.Closed > 0, TimeSpan.FromSeconds(10));
        Thread.Sleep(50);
    }
}
