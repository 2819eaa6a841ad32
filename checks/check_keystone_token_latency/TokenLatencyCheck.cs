using StackFsck.Plugin.Arguments;
using StackFsck.Checks.KeystoneLatency.Cloud;
using StackFsck.Checks.KeystoneLatency.Keystone;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>
/// check_keystone_token_latency: how long Keystone takes to validate a token. Every OpenStack API
/// call validates one, so this latency is the floor under the whole cloud's latency.
/// </summary>
internal static class TokenLatencyCheck
{
    // Bounds an operator never needs to pass: a run of more validations than this outlasts any
    // check interval, and more in flight than this is a load test, not a probe.
    private const int MaxCount = 100_000;
    private const int MaxConcurrency = 256;

    private static readonly Option<int> Count = new("--count", "-n")
    {
        Description = ValueParsers.WithRange("validations to time", 1, MaxCount),
        DefaultValueFactory = () => 20,
        HelpName = "N",
        Parser = text => CountOption.Parse(text, minimum: 1, maximum: MaxCount),
    };

    private static readonly Option<int> Concurrency = new("--concurrency", "-C")
    {
        Description = ValueParsers.WithRange("validations in flight at once", 1, MaxConcurrency),
        DefaultValueFactory = () => 4,
        HelpName = "N",
        Parser = text => CountOption.Parse(text, minimum: 1, maximum: MaxConcurrency),
    };

    private static readonly Option<string> Method = new Option<string>("--method")
    {
        Description = "GET (full validation answer) or HEAD (status only)",
        DefaultValueFactory = () => "GET",
    }.AcceptOnlyFromAmong("GET", "HEAD");

    private static readonly Option<bool> NoCatalog = new("--nocatalog")
    {
        Description = "validate with ?nocatalog (Keystone leaves the service catalog out of the answer)",
    };

    private static readonly Option<string?> SubjectTokenFile = new("--subject-token-file")
    {
        Description = "validate the token in this file instead of the checker's own",
        HelpName = "FILE",
    };

    private static readonly Option<string> Percentile = new Option<string>("--percentile")
    {
        Description = "figure that -w/-c judge",
        DefaultValueFactory = () => "p99",
    }.AcceptOnlyFromAmong(LatencyReport.PercentileNames);

    private static readonly Option<string?> TokenCacheFile = new("--token-cache")
    {
        Description = "file caching the checker's token (default ~/.cache/stackfsck/keystone-token-HASH.json)",
        HelpName = "FILE",
    };

    private static readonly Option<bool> NoTokenCache = new("--no-token-cache")
    {
        Description = "issue a new token on every run",
    };

    private static readonly TlsOptions Tls = new();

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_keystone_token_latency",
        Service = "TOKEN_LATENCY",
        Description = "Times Keystone token validations (GET/HEAD /v3/auth/tokens): p50, p95, p99, max in ms, validations per second, errors.",
        Options =
        [
            .. AuthOptions.All, Count, Concurrency, Method, NoCatalog, SubjectTokenFile, Percentile, TokenCacheFile, NoTokenCache,
            .. LatencyReport.Options, .. Tls.Options, .. RevocationEvents.Options,
        ],
        Execute = context => Task.FromResult(Run(context)),
    };

    private static Report Run(CheckContext context)
    {
        context.Stage("reading the cloud's settings");
        ClientEnvironment environment = ClientEnvironment.Current();
        KeystoneCredentials credentials = KeystoneCredentials.From(
            CloudSelection.Select(context.Get(AuthOptions.Cloud), environment, AuthOptions.Given(context.Args), context.Warn));
        context.Log(1, $"user {credentials.User}, {credentials.ScopeText}, Keystone {credentials.IdentityUri}");
        string? subjectFile = context.Get(SubjectTokenFile);
        Secret? subject = subjectFile is null ? null : ReadSubjectToken(subjectFile);

        var api = new IdentityApi(ServerTrust.From(context.Get(Tls.CaFile) ?? credentials.CaFile, context.Get(Tls.Insecure) || credentials.Insecure), credentials);
        var tokens = new CheckerToken(api, Cache(context, credentials, environment), context);
        var probe = new LatencyProbe(api, ValidationUri(api, context.Get(NoCatalog)), context.Get(Method),
            context.Get(Count), context.Get(Concurrency));

        Secret own = tokens.Get();
        Measurement measurement = probe.Run(own, subject ?? own, context);
        if (measurement.Unauthorized && tokens.FromCache)
        {
            context.Log(1, "Keystone refused the cached token; renewing it once");
            own = tokens.Renew();
            measurement = probe.Run(own, subject ?? own, context);
        }

        if (measurement.Unauthorized)
        {
            throw new CheckException($"Keystone refused the token of user {credentials.User} (HTTP 401 validating at {api.TokensUri}): check the user's credentials and roles");
        }

        string subjectText = subjectFile is null ? "the checker's own token" : $"the token in {subjectFile}";
        return LatencyReport.Build(measurement, subjectText, RevocationEvents.Count(context), context.Get(Percentile), context);
    }

    private static Uri ValidationUri(IdentityApi api, bool noCatalog) =>
        noCatalog ? new Uri(api.TokensUri + "?nocatalog") : api.TokensUri;

    private static TokenCache? Cache(CheckContext context, KeystoneCredentials credentials, ClientEnvironment environment)
    {
        if (context.Get(NoTokenCache))
        {
            return null;
        }

        string? path = context.Get(TokenCacheFile) ?? TokenCache.DefaultPath(credentials, environment);
        context.Log(2, path is null ? "no token cache: neither HOME nor XDG_CACHE_HOME is set" : $"token cache {path}");
        return path is null ? null : new TokenCache(path);
    }

    private static Secret ReadSubjectToken(string file)
    {
        try
        {
            string token = File.ReadAllText(file).Trim();
            return token.Length > 0 ? new Secret(token) : throw new CheckException($"subject token file {file} is empty");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckException($"cannot read subject token file {file}: {error.Message}");
        }
    }
}
