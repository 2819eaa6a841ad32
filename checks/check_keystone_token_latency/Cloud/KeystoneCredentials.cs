using StackFsck.Plugin;

namespace StackFsck.Checks.KeystoneLatency.Cloud;

/// <summary>A user, project or domain, named by id or by name (a name needs its domain).</summary>
internal sealed record Reference(string? Id, string? Name, Reference? Domain = null)
{
    public override string ToString() => Id ?? (Domain is null ? Name! : $"{Name} (domain {Domain})");
}

/// <summary>Everything the check needs to get a token: where Keystone is, who asks, which scope, how to trust TLS.</summary>
internal sealed record KeystoneCredentials(
    Uri IdentityUri,
    Reference User,
    Secret Password,
    Reference? Project,
    Reference? Domain,
    string? CaFile,
    bool Insecure)
{
    /// <summary>Tells apart tokens of different users and scopes in the token cache; never holds the password.</summary>
    public string CacheIdentity => string.Join('\n', IdentityUri, User, Project?.ToString() ?? "", Domain?.ToString() ?? "");

    public string ScopeText => Project is not null ? $"project {Project}" : Domain is not null ? $"domain {Domain}" : "no scope";

    /// <summary>
    /// Builds the credentials from one cloud's flat settings, with keystoneauth's rules: a plain
    /// domain_id/domain_name is the domain of both user and project when a project is named,
    /// otherwise the scope; a user or project named without a domain is in the default domain
    /// (default_domain_id, "default" when unset, as the openstack client does).
    /// </summary>
    public static KeystoneCredentials From(IReadOnlyDictionary<string, string> settings)
    {
        string? Get(string key) => settings.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;

        string authType = Get("auth_type") ?? "password";
        if (authType is not ("password" or "v3password"))
        {
            throw new CheckException($"auth_type '{authType}' is not supported: this check authenticates with a password");
        }

        string authUrl = Get("auth_url")
            ?? throw new CheckException("no Keystone URL: give --os-cloud (clouds.yaml), set OS_AUTH_URL or give --os-auth-url");
        bool projectScoped = Get("project_id") is not null || Get("project_name") is not null;
        Reference defaultDomain = Get("default_domain_name") is { } defaultName
            ? new Reference(null, defaultName)
            : new Reference(Get("default_domain_id") ?? "default", null);
        Reference? plainDomain = Named(Get("domain_id"), Get("domain_name"), null);
        Reference sharedDomain = projectScoped && plainDomain is not null ? plainDomain : defaultDomain;

        Reference user = Named(Get("user_id"), Get("username"), Named(Get("user_domain_id"), Get("user_domain_name"), null) ?? sharedDomain)
            ?? throw new CheckException("no user: set username (or user_id) in clouds.yaml, OS_USERNAME or --os-username");
        string password = Get("password")
            ?? throw new CheckException($"no password for user {user}: put it in clouds.yaml or secure.yaml, or set OS_PASSWORD");
        Reference? project = Named(Get("project_id"), Get("project_name"),
            Named(Get("project_domain_id"), Get("project_domain_name"), null) ?? sharedDomain);

        return new KeystoneCredentials(V3Root(authUrl), user, new Secret(password), project,
            projectScoped ? null : plainDomain, Get("cacert"), IsInsecure(Get("verify"), Get("insecure")));
    }

    /// <summary>The v3 root from an auth_url written with or without a version (http://k:5000, .../v3, .../v2.0).</summary>
    public static Uri V3Root(string authUrl)
    {
        if (!Uri.TryCreate(authUrl.Trim(), UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CheckException($"auth_url '{authUrl}' is not an http(s) URL");
        }

        string path = uri.AbsolutePath.TrimEnd('/');
        path = path.EndsWith("/v2.0", StringComparison.Ordinal) ? path[..^5] : path;
        path = path.EndsWith("/v3", StringComparison.Ordinal) ? path : path + "/v3";
        return new UriBuilder(uri) { Path = path + "/", Query = "" }.Uri;
    }

    private static Reference? Named(string? id, string? name, Reference? domain) =>
        id is not null ? new Reference(id, null) : name is not null ? new Reference(null, name, domain) : null;

    private static bool IsInsecure(string? verify, string? insecure) =>
        IsFalse(verify) || (insecure is not null && !IsFalse(insecure));

    private static bool IsFalse(string? value) => value?.Trim().ToLowerInvariant() is "false" or "no" or "0" or "off";
}
