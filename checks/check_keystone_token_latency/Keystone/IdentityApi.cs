using System.Net;
using System.Text;
using System.Text.Json;
using StackFsck.Checks.KeystoneLatency.Cloud;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.KeystoneLatency.Keystone;

/// <summary>Keystone's two token calls: issue a token, validate one.</summary>
internal sealed class IdentityApi(HttpClient client, KeystoneCredentials credentials)
{
    public Uri TokensUri { get; } = new(credentials.IdentityUri, "auth/tokens");

    /// <summary>Issues a token for the checker (password method); 401 names the user, never the password.</summary>
    public async Task<CachedToken> IssueAsync(CheckContext context)
    {
        context.Stage($"requesting a token from {TokensUri}");
        DateTimeOffset asked = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TokensUri + "?nocatalog"))
        {
            Content = new StringContent(JsonSerializer.Serialize(Body(), AuthJson.Default.AuthRequest), Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await HttpClients.SendAsync(client, request, context.Token);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CheckException($"Keystone refused the credentials of user {credentials.User} for {credentials.ScopeText} (HTTP 401 from {TokensUri})");
        }

        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new CheckException($"cannot get a token: HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {TokensUri}");
        }

        string token = response.Headers.TryGetValues("X-Subject-Token", out IEnumerable<string>? values) ? values.First() : "";
        TimeSpan? lifetime = await LifetimeAsync(response, context.Token);
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
    public async Task<(HttpStatusCode Status, bool Retried)> ValidateAsync(Uri uri, HttpMethod method, Secret authToken, Secret subjectToken, CancellationToken token)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("X-Auth-Token", authToken.Reveal());
        request.Headers.Add("X-Subject-Token", subjectToken.Reveal());
        using HttpResponseMessage response = await HttpClients.SendAsync(client, request, token);
        await HttpClients.DrainAsync(response, token);
        bool retried = response.RequestMessage?.Options.TryGetValue(HttpClients.Retried, out bool again) == true && again;
        return (response.StatusCode, retried);
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
    private async Task<TimeSpan?> LifetimeAsync(HttpResponseMessage response, CancellationToken token)
    {
        try
        {
            await using Stream body = await HttpClients.ReadBodyAsync(response, TokensUri.GetLeftPart(UriPartial.Path), token);
            TokenAnswer? answer = await JsonSerializer.DeserializeAsync(body, AuthJson.Default.TokenAnswer, token);
            return answer?.Token is { IssuedAt: { } issued, ExpiresAt: { } expires } ? expires - issued : null;
        }
        catch (JsonException)
        {
            throw new CheckException($"malformed JSON in Keystone's token answer from {TokensUri}");
        }
    }
}
