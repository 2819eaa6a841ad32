using System.Net;
using System.Text.Json;
using StackFsck.Checks.KeystoneLatency.Cloud;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.KeystoneLatency.Keystone;

/// <summary>Keystone's two token calls: issue a token, validate one. Each flow of requests holds its own session (<see cref="OpenSession"/>).</summary>
internal sealed class IdentityApi(ServerTrust trust, KeystoneCredentials credentials)
{
    public Uri TokensUri { get; } = new(credentials.IdentityUri, "auth/tokens");

    /// <summary>A kept-alive connection for one flow of requests, its waits bounded by the run's deadline.</summary>
    public HttpSession OpenSession(CheckContext context) => new(trust, context.Deadline);

    /// <summary>Issues a token for the checker (password method); 401 names the user, never the password.</summary>
    public CachedToken Issue(CheckContext context)
    {
        context.Stage($"requesting a token from {TokensUri}");
        DateTimeOffset asked = DateTimeOffset.UtcNow;
        HttpRequest request = new HttpRequest("POST", new Uri(TokensUri + "?nocatalog"))
            .Content("application/json", JsonSerializer.SerializeToUtf8Bytes(Body(), AuthJson.Default.AuthRequest));
        using HttpSession session = OpenSession(context);
        HttpResponse response = session.Send(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CheckException($"Keystone refused the credentials of user {credentials.User} for {credentials.ScopeText} (HTTP 401 from {TokensUri})");
        }

        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new CheckException($"cannot get a token: HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {TokensUri}");
        }

        string token = response.Header("X-Subject-Token") ?? "";
        TimeSpan? lifetime = Lifetime(response);
        if (token.Length == 0 || lifetime is null)
        {
            throw new CheckException($"Keystone answered a token request without a token or its expiry ({TokensUri})");
        }

        return new CachedToken(token, asked + lifetime.Value);
    }

    /// <summary>
    /// One validation: GET or HEAD with the checker's and the subject's tokens; returns the HTTP
    /// status and whether it was sent again after Keystone closed a reused connection.
    /// </summary>
    public static (HttpStatusCode Status, bool Retried) Validate(HttpSession session, Uri uri, string method, Secret authToken, Secret subjectToken)
    {
        HttpRequest request = new HttpRequest(method, uri)
            .Header("X-Auth-Token", authToken.Reveal())
            .Header("X-Subject-Token", subjectToken.Reveal());
        HttpResponse response = session.Send(request);
        response.Drain();
        return (response.StatusCode, response.Retried);
    }

    private AuthRequest Body()
    {
        Reference user = credentials.User;
        var password = new PasswordUser(user.Id, user.Name, user.Domain, credentials.Password.Reveal());
        Scope? scope = credentials.Project is null && credentials.Domain is null ? null : new Scope(credentials.Project, credentials.Domain);
        return new AuthRequest(new AuthBody(new Identity(["password"], new PasswordMethod(password)), scope));
    }

    /// <summary>
    /// How long the token lives: expires_at minus issued_at, both by Keystone's clock. Counted from
    /// when this host asked for it, a clock that differs from Keystone's can neither keep a token
    /// past its end nor make every token look expired (and every run issue a new one).
    /// </summary>
    private TimeSpan? Lifetime(HttpResponse response)
    {
        try
        {
            TokenAnswer? answer = JsonSerializer.Deserialize(response.Body, AuthJson.Default.TokenAnswer);
            return answer?.Token is { IssuedAt: { } issued, ExpiresAt: { } expires } ? expires - issued : null;
        }
        catch (JsonException)
        {
            throw new CheckException($"malformed JSON in Keystone's token answer from {TokensUri}");
        }
    }
}
