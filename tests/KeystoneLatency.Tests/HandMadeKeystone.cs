using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>
/// A hand-made stand-in for Keystone (an in-process Kestrel server on 127.0.0.1), only for what
/// the real Keystone of the test tier cannot be made to do: known delays, a proxy's HTML error
/// pages, malformed JSON, an answer cut short or stalled mid-body, a server that stops answering,
/// and showing the request body the check sent. It speaks Keystone's two token calls: POST
/// /v3/auth/tokens issues a token for one password user; GET/HEAD validates a subject token.
/// Validations are numbered by arrival (1, 2, ...).
/// </summary>
public sealed class HandMadeKeystone : IAsyncDisposable
{
    public const string User = "monitor";
    public const string Password = "pw-never-printed-42";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _valid = new();
    private int _validations;
    private int _issued;

    private HandMadeKeystone(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();
    public string AuthUrl => Url + "/v3";

    /// <summary>How long validation number N (from 1) takes to answer.</summary>
    public Func<int, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>A status that validation number N answers instead of the verdict, with an HTML page, as a proxy in front of Keystone does (502, 503).</summary>
    public Func<int, int?> ProxyError { get; set; } = _ => null;

    /// <summary>A status the token request gets instead of a token, with a proxy's HTML page.</summary>
    public int? ProxyErrorOnTokenRequest { get; set; }

    /// <summary>Whether validation number N's answer promises more body (Content-Length) than it sends before the connection closes.</summary>
    public Func<int, bool> CutBody { get; set; } = _ => false;

    /// <summary>Whether validation number N sends its headers and part of its body, then nothing more.</summary>
    public Func<int, bool> StallMidBody { get; set; } = _ => false;

    /// <summary>The token answer is not JSON.</summary>
    public bool MalformedTokenAnswer { get; set; }

    /// <summary>The token answer stops before the end its Content-Length announced.</summary>
    public bool CutTokenAnswer { get; set; }

    /// <summary>Whether validation number N never answers.</summary>
    public Func<int, bool> Hang { get; set; } = _ => false;

    /// <summary>Answers 401 to every validation, as Keystone does for a checker's token it no longer accepts.</summary>
    public bool RefuseCheckerTokens { get; set; }

    public int TokensIssued => _issued;
    public int Validations => _validations;

    /// <summary>The JSON body of the last token request (password blanked), to see the scope the check asked for.</summary>
    public JsonNode? LastAuthRequest { get; private set; }

    /// <summary>Method and query string of each validation request.</summary>
    public ConcurrentQueue<string> ValidationRequests { get; } = new();

    public static async Task<HandMadeKeystone> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var keystone = new HandMadeKeystone(app);
        app.MapPost("/v3/auth/tokens", keystone.IssueAsync);
        app.MapMethods("/v3/auth/tokens", ["GET", "HEAD"], keystone.ValidateAsync);
        await app.StartAsync();
        await keystone.WarmUpAsync();
        return keystone;
    }

    /// <summary>
    /// Runs both handlers once (JIT, first connection) and forgets those calls, so that the
    /// first validation a test times is not the server's own start-up on a busy machine.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var client = new HttpClient();
        using var content = new StringContent("{}");
        (await client.PostAsync(AuthUrl + "/auth/tokens", content)).Dispose();
        (await client.GetAsync(AuthUrl + "/auth/tokens")).Dispose();
        _validations = 0;
        ValidationRequests.Clear();
        LastAuthRequest = null;
    }

    /// <summary>A valid token the check did not issue, e.g. a service's token to validate from a file.</summary>
    public string NewToken()
    {
        string token = "gAAAA" + Guid.NewGuid().ToString("N");
        _valid[token] = true;
        return token;
    }

    /// <summary>Forgets every token issued so far, as a Keystone whose fernet keys rotated away.</summary>
    public void ForgetTokens() => _valid.Clear();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task IssueAsync(HttpContext context)
    {
        JsonNode? body = await JsonNode.ParseAsync(context.Request.Body);
        JsonNode? user = body?["auth"]?["identity"]?["password"]?["user"];
        bool accepted = user?["name"]?.GetValue<string>() == User && user["password"]?.GetValue<string>() == Password;
        if (user is not null)
        {
            user["password"] = "(blanked)";
        }

        LastAuthRequest = body;
        if (!accepted)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (ProxyErrorOnTokenRequest is int status)
        {
            await ProxyPageAsync(context, status);
            return;
        }

        Interlocked.Increment(ref _issued);
        context.Response.StatusCode = 201;
        context.Response.Headers["X-Subject-Token"] = NewToken();
        DateTime now = DateTime.UtcNow;
        string answer = MalformedTokenAnswer ? "{\"token\": {\"expires_at\": " : JsonSerializer.Serialize(new
        {
            token = new { issued_at = now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"), expires_at = now.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"), methods = new[] { "password" } },
        });
        if (CutTokenAnswer)
        {
            await CutShortAsync(context, answer);
            return;
        }

        await context.Response.WriteAsync(answer);
    }

    /// <summary>What nginx or HAProxy answer when Keystone behind them is down or overloaded.</summary>
    private static async Task ProxyPageAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html>\r\n<head><title>{status} {ReasonPhrases.GetReasonPhrase(status)}</title></head>\r\n<body>\r\n<center><h1>{status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    /// <summary>Announces the whole body, sends half of it, and closes the connection.</summary>
    private static async Task CutShortAsync(HttpContext context, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        // Let the client read the half first: a reset before any byte would look like a connection closed while idle.
        await Task.Delay(200);
        context.Abort();
    }

    private async Task ValidateAsync(HttpContext context)
    {
        int number = Interlocked.Increment(ref _validations);
        ValidationRequests.Enqueue(context.Request.Method + " " + context.Request.QueryString);
        if (Hang(number))
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        await Task.Delay(Delay(number), context.RequestAborted);
        string auth = context.Request.Headers["X-Auth-Token"].ToString();
        string subject = context.Request.Headers["X-Subject-Token"].ToString();
        if (!RefuseCheckerTokens && _valid.ContainsKey(auth) && ProxyError(number) is int status)
        {
            await ProxyPageAsync(context, status);
            return;
        }

        context.Response.StatusCode = RefuseCheckerTokens || !_valid.ContainsKey(auth) ? 401 : _valid.ContainsKey(subject) ? 200 : 404;
        const string answer = "{\"token\": {\"methods\": [\"password\"], \"user\": {\"name\": \"monitor\"}}}";
        if (CutBody(number))
        {
            await CutShortAsync(context, answer);
        }
        else if (StallMidBody(number))
        {
            context.Response.ContentLength = answer.Length;
            await context.Response.WriteAsync(answer[..10]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        else if (context.Response.StatusCode == 200 && context.Request.Method == "GET")
        {
            await context.Response.WriteAsync(answer);
        }
    }
}
