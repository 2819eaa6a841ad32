using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StackFsck.Tests.Database;

/// <summary>
/// The real Keystone of tests/run (tests/services/keystone.sh: Debian's Zed package under uWSGI),
/// driven through its v3 API as an administrator or a user would: what it stores is its own.
/// </summary>
public sealed class KeystoneApi : IDisposable
{
    // uWSGI's --http-socket closes every connection after its answer: one connection per request.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        BaseAddress = new Uri(Repo.Service("STACKFSCK_KEYSTONE_URL").TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { ConnectionClose = true },
    };

    private readonly string _admin;

    public KeystoneApi()
    {
        var admin = new JsonObject
        {
            ["name"] = Repo.Service("STACKFSCK_KEYSTONE_ADMIN_USER"),
            ["domain"] = new JsonObject { ["id"] = "default" },
            ["password"] = Repo.Service("STACKFSCK_KEYSTONE_ADMIN_PASSWORD"),
        };
        var scope = new JsonObject
        {
            ["project"] = new JsonObject { ["name"] = Repo.Service("STACKFSCK_KEYSTONE_ADMIN_PROJECT"), ["domain"] = new JsonObject { ["id"] = "default" } },
        };
        _admin = Authenticate(admin, scope).Token ?? throw new InvalidOperationException("Keystone issued no token to its admin");
    }

    /// <summary>Option file of a SELECT-only login on Keystone's own database, and that database's name.</summary>
    public static string[] DatabaseLogin => ["-f", Repo.Service("STACKFSCK_KEYSTONE_DB_CNF"), "-d", Repo.Service("STACKFSCK_KEYSTONE_DATABASE")];

    /// <summary>Runs SQL in Keystone's database as root: for what only time could do (backdating), never to make Keystone's rows.</summary>
    public static string Sql(string sql) => MariaDbClient.Run(["-N", "-B", Repo.Service("STACKFSCK_KEYSTONE_DATABASE")], sql).Trim();

    public static int SettingOf(string name) => int.Parse(Repo.Service($"STACKFSCK_KEYSTONE_{name}"));

    /// <summary>A password login (unscoped): the status, Keystone's message on refusal, the token on success.</summary>
    public sealed record Login(HttpStatusCode Status, string Message, string? Token);

    public Login PasswordLogin(string userId, string password) =>
        Authenticate(new JsonObject { ["id"] = userId, ["password"] = password }, scope: null);

    public string CreateDomain(string name) =>
        Send(HttpMethod.Post, "domains", new JsonObject { ["domain"] = new JsonObject { ["name"] = name } })["domain"]!["id"]!.GetValue<string>();

    public string CreateUser(string domainId, string name, string password) =>
        Send(HttpMethod.Post, "users", new JsonObject
        {
            ["user"] = new JsonObject { ["name"] = name, ["domain_id"] = domainId, ["password"] = password },
        })["user"]!["id"]!.GetValue<string>();

    /// <summary>Sets per-user options (ignore_lockout_failure_attempts, ...) as an administrator does.</summary>
    public void SetOption(string userId, string option) =>
        Send(HttpMethod.Patch, $"users/{userId}", new JsonObject { ["user"] = new JsonObject { ["options"] = new JsonObject { [option] = true } } });

    /// <summary>Keystone's own view of the enabled flag, inactivity included (computed when it reads the user).</summary>
    public bool Enabled(string userId) => Send(HttpMethod.Get, $"users/{userId}", null)["user"]!["enabled"]!.GetValue<bool>();

    /// <summary>Revokes a token the way a logout does: Keystone writes the revocation event (and prunes old ones).</summary>
    public void Revoke(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "auth/tokens");
        request.Headers.Add("X-Auth-Token", _admin);
        request.Headers.Add("X-Subject-Token", token);
        using HttpResponseMessage response = _http.Send(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    private Login Authenticate(JsonObject user, JsonObject? scope)
    {
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject { ["methods"] = new JsonArray("password"), ["password"] = new JsonObject { ["user"] = user } },
        };
        if (scope is not null)
        {
            auth["scope"] = scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/tokens") { Content = Json(new JsonObject { ["auth"] = auth }) };
        using HttpResponseMessage response = _http.Send(request);
        string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        string? token = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.First() : null;
        string message = response.IsSuccessStatusCode ? "" : JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() ?? body;
        return new Login(response.StatusCode, message, token);
    }

    private JsonNode Send(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        request.Headers.Add("X-Auth-Token", _admin);
        using HttpResponseMessage response = _http.Send(request);
        string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException($"Keystone answered {method} {path} with {(int)response.StatusCode}: {text}");
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
