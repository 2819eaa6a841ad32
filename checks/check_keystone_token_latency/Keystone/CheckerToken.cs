using StackFsck.Plugin;

namespace StackFsck.Checks.KeystoneLatency.Keystone;

/// <summary>
/// The checker's own token: from the cache while it stays valid for a while yet, otherwise
/// issued by Keystone and cached. A cached token Keystone refuses is renewed once.
/// </summary>
internal sealed class CheckerToken(IdentityApi api, TokenCache? cache, CheckContext context)
{
    /// <summary>A token is reused until this long before it expires, and never closer than twice the -t budget.</summary>
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromMinutes(5);

    public bool FromCache { get; private set; }

    public Secret Get()
    {
        TimeSpan margin = TimeSpan.FromSeconds(Math.Max(MinimumMargin.TotalSeconds, 2 * context.Deadline.Timeout.Seconds));
        if (cache?.Read(margin) is { } cached)
        {
            context.Log(1, $"reusing the cached token, valid until {cached.ExpiresAt:u}");
            FromCache = true;
            return new Secret(cached.Token);
        }

        return Issue();
    }

    public Secret Renew()
    {
        cache?.Forget();
        return Issue();
    }

    private Secret Issue()
    {
        FromCache = false;
        CachedToken issued = api.Issue(context);
        context.Log(1, $"Keystone issued a token valid until {issued.ExpiresAt:u}");
        if (cache?.Write(issued) is { } problem)
        {
            context.Log(1, $"cannot cache the token in {cache.Path}: {problem}");
        }

        return new Secret(issued.Token);
    }
}
