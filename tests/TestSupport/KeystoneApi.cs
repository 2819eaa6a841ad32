using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StackFsck.Tests;

/// <summary>
/// The real Keystone tests/run started (tests/services/keystone.sh: Debian's package, Zed, under
/// uWSGI): its address, its admin login and the API calls tests make on it, as an operator's
/// openstack client would (issue and revoke tokens).
/// </summary>
public static class KeystoneApi
{
    /// <summary>The identity endpoint, http://127.0.0.1:PORT/v3.</summary>
    public static string Url => Repo.Service("STACKFSCK_KEYSTONE_URL");

    public static string AdminUser => Repo.Service("STACKFSCK_KEYSTONE_ADMIN_USER");
    public static string AdminPassword => Repo.Service("STACKFSCK_KEYSTONE_ADMIN_PASSWORD");
    public static string AdminProject => Repo.Service("STACKFSCK_KEYSTONE_ADMIN_PROJECT");

    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Issues a project-scoped token (password method, domain Default) and returns it with its JSON answer.</summary>
    public static async Task<(string Token, JsonNode Answer)> IssueTokenAsync(string user, string password, string project)
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password },
                    },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        // With a Content-Length: uWSGI's --http-socket does not take a chunked request body.
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Client.PostAsync(Url + "/auth/tokens?nocatalog", content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Keystone answered {(int)response.StatusCode} to a token request for {user}");
        }

        return (response.Headers.GetValues("X-Subject-Token").Single(), (await response.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    /// <summary>A new token of the admin user.</summary>
    public static async Task<string> AdminTokenAsync() => (await IssueTokenAsync(AdminUser, AdminPassword, AdminProject)).Token;

    /// <summary>Revokes a token the way <c>openstack token revoke</c> does (DELETE /v3/auth/tokens), which writes a revocation event.</summary>
    public static async Task RevokeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Url + "/auth/tokens");
        request.Headers.Add("X-Auth-Token", await AdminTokenAsync());
        request.Headers.Add("X-Subject-Token", token);
        using HttpResponseMessage response = await Client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Keystone answered {(int)response.StatusCode} to a token revocation");
        }
    }
}
