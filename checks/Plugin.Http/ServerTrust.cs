using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace StackFsck.Plugin.Http;

/// <summary>
/// How a check trusts an https server (see <see cref="TlsOptions"/>): the system store by
/// default, the authorities of a CA file instead, or (<c>--insecure</c>) nothing. With a CA file
/// or <c>--insecure</c> a check's process leaves the system store unread (<see cref="UnreadSystemStore"/>),
/// which .NET would otherwise load whole at the first handshake. Missing intermediate certificates
/// are never downloaded (as curl and check_http do not): a probe talks to the service it checks,
/// nothing else.
/// </summary>
public sealed class ServerTrust
{
    private readonly X509Certificate2Collection? _authorities;
    private readonly bool _insecure;

    private ServerTrust(X509Certificate2Collection? authorities, bool insecure)
    {
        _authorities = authorities;
        _insecure = insecure;
    }

    public static ServerTrust From(CheckContext context, TlsOptions tls) =>
        From(context.Get(tls.CaFile), context.Get(tls.Insecure));

    /// <summary>For checks whose trust settings also come from elsewhere (clouds.yaml's cacert and verify).</summary>
    public static ServerTrust From(string? caFile, bool insecure)
    {
        bool system = !insecure && caFile is null;
        if (system && UnreadSystemStore.InEffect)
        {
            throw new InvalidOperationException("the system certificate store was left unread by an earlier trust setting of this process");
        }

        if (!system && CheckHost.OwnsProcess)
        {
            UnreadSystemStore.Apply();
        }

        return new(system || insecure ? null : LoadAuthorities(caFile!), insecure);
    }

    /// <summary>The TLS handshake's settings for <paramref name="host"/> (a name or an address, as in the URL).</summary>
    internal SslClientAuthenticationOptions For(string host) => new()
    {
        TargetHost = host,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = ChainPolicy(),
        RemoteCertificateValidationCallback = _insecure ? (_, _, _, _) => true : (_, _, _, errors) => errors == SslPolicyErrors.None,
    };

    /// <summary>Chains built against the system store, or the CA file's authorities alone (none at all for --insecure, whose verdict is ignored).</summary>
    private X509ChainPolicy ChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = _insecure || _authorities is not null ? X509ChainTrustMode.CustomRootTrust : X509ChainTrustMode.System,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        if (_authorities is not null)
        {
            policy.CustomTrustStore.AddRange(_authorities);
        }

        return policy;
    }

    private static X509Certificate2Collection LoadAuthorities(string caFile)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CheckException($"cannot read CA file {caFile}: {error.Message}");
        }

        return authorities.Count > 0 ? authorities : throw new CheckException($"CA file {caFile} holds no certificate");
    }
}
