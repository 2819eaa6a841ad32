using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace StackFsck.Plugin.Http;

/// <summary>
/// HttpClient set up for a check: no proxy (a monitoring probe should reach the service itself,
/// as check_http does), no redirects, no client-side timeout (the deadline governs), and the
/// server certificate judged by <see cref="TlsOptions"/>.
/// </summary>
public static class HttpClients
{
    /// <summary>Set on a request that was sent again after a connection from the pool failed it.</summary>
    public static readonly HttpRequestOptionsKey<bool> Retried = new("stackfsck.retried");

    public static HttpClient Create(CheckContext context, TlsOptions tls) =>
        Create(context.Get(tls.CaFile), context.Get(tls.Insecure));

    /// <summary>For checks whose trust settings also come from elsewhere (clouds.yaml's cacert and verify).</summary>
    public static HttpClient Create(string? caFile, bool insecure)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectionUse.ConnectAsync,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = Validator(caFile, insecure);
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Sends a request, turning transport failures into one clear line naming the URL. A GET or
    /// HEAD that fails on a connection from the pool before any byte of its answer arrived is sent again
    /// (<see cref="StaleConnection"/>); the answer's request then carries <see cref="Retried"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken token)
    {
        try
        {
            return await SendRetryingStaleAsync(client, request, token);
        }
        catch (HttpRequestException error)
        {
            string where = request.RequestUri?.GetLeftPart(UriPartial.Path) ?? "the server";
            throw new CheckException($"cannot reach {where}: {Reason(error)}", inner: error);
        }
    }

    /// <summary>
    /// The pool may hand the request again to another connection the server closed in the same
    /// instant: each such try retires one dead connection, and a failure on a new connection (or
    /// after the answer began) ends it. The bound only guards against a server that closes every
    /// connection right after every answer while other requests keep returning them to the pool.
    /// </summary>
    private const int MaxStaleConnections = 16;

    private static async Task<HttpResponseMessage> SendRetryingStaleAsync(HttpClient client, HttpRequestMessage request, CancellationToken token)
    {
        for (int stale = 0; ; stale++)
        {
            HttpRequestMessage attempt = stale == 0 ? request : Copy(request);
            ConnectionUse use = ConnectionUse.Begin();
            try
            {
                return await client.SendAsync(attempt, HttpCompletionOption.ResponseHeadersRead, token);
            }
            catch (HttpRequestException) when (stale < MaxStaleConnections
                && StaleConnection.WorthRetrying(request.Method, request.Content is not null, use.Pooled, use.AnswerStarted))
            {
                // That connection is gone from the pool: the next try takes another, or a new one.
            }
        }
    }

    /// <summary>A bodiless request again, with the same method, URL and headers, marked <see cref="Retried"/> (a sent request cannot be sent twice).</summary>
    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        copy.Options.Set(Retried, true);
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }

    /// <summary>The body of an answer got with <see cref="SendAsync"/>; a read that breaks throws one clear line naming <paramref name="where"/>.</summary>
    public static async Task<Stream> ReadBodyAsync(HttpResponseMessage response, string where, CancellationToken token) =>
        new HttpBody(await response.Content.ReadAsStreamAsync(token), where);

    /// <summary>Reads an answer's body to its end and drops it (see <see cref="ReadBodyAsync"/>).</summary>
    public static async Task DrainAsync(HttpResponseMessage response, CancellationToken token)
    {
        string where = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path) ?? "the server";
        await using Stream body = await ReadBodyAsync(response, where, token);
        await body.CopyToAsync(Stream.Null, token);
    }

    private static string Reason(HttpRequestException error) => error.InnerException switch
    {
        SocketException socket => socket.Message,
        System.Security.Authentication.AuthenticationException tls => "TLS handshake failed: " + tls.Message,
        Exception inner => inner.Message,
        null => error.Message,
    };

    private static RemoteCertificateValidationCallback Validator(string? caFile, bool insecure)
    {
        if (insecure)
        {
            return (_, _, _, _) => true;
        }

        if (caFile is null)
        {
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        X509Certificate2Collection authorities = LoadAuthorities(caFile);
        return (_, certificate, _, errors) =>
            certificate is not null
            && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            && ChainsTo(new X509Certificate2(certificate), authorities);
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

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
