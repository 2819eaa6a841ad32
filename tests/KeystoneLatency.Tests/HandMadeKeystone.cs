using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 that speaks Keystone's two token calls (DESIGN.md 4.2):
/// POST /v3/auth/tokens issues a token for one password user; GET/HEAD validates a subject token.
/// Each validation can be delayed, failed or left unanswered by its arrival number (1, 2, ...).
/// </summary>
public sealed class FakeKeystone : IAsyncDisposable
{
    public const string User = "monitor";
    public const string Password = "pw-never-printed-42";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _valid = new();
    private int _validations;
    private int _issued;

    private FakeKeystone(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();
    public string AuthUrl => Url + "/v3";

    /// <summary>How long validation number N (from 1) takes to answer.</summary>
    public Func<int, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>A status that validation number N answers instead of the real verdict (e.g. 503).</summary>
    public Func<int, int?> Fail { get; set; } = _ => null;

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

    public static async Task<FakeKeystone> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var keystone = new FakeKeystone(app);
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

        Interlocked.Increment(ref _issued);
        context.Response.StatusCode = 201;
        context.Response.Headers["X-Subject-Token"] = NewToken();
        string expires = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ");
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { token = new { expires_at = expires, methods = new[] { "password" } } }));
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
        context.Response.StatusCode = RefuseCheckerTokens || !_valid.ContainsKey(auth) ? 401
            : Fail(number) is int failure ? failure
            : _valid.ContainsKey(subject) ? 200 : 404;
        if (context.Response.StatusCode == 200 && context.Request.Method == "GET")
        {
            await context.Response.WriteAsync("{\"token\": {\"methods\": [\"password\"]}}");
        }
    }
}
