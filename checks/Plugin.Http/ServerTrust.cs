namespace StackFsck.Plugin.Http;

/// <summary>
/// How a check trusts an https server (see <see cref="TlsOptions"/>): the system store by
/// default, the authorities of a CA file instead (and no other), or (<c>--insecure</c>) nothing.
/// The server's certificate must also be for the host or address the URL names. Missing
/// intermediate certificates are never downloaded (as curl and check_http do not): a probe talks
/// to the service it checks, nothing else.
/// </summary>
/// <remarks>
/// One OpenSSL context per trust, made at the first handshake (a run over plain http never
/// loads OpenSSL) and kept for the connections after it. The system store is Debian's
/// /etc/ssl/certs, where an authority is found by its subject's hash: one file read, not the
/// whole store (<see cref="LoadSystemStore"/>).
/// </remarks>
public sealed class ServerTrust
{
    private readonly Lock _guard = new();
    private readonly string? _caFile;
    private nint _context;

    private ServerTrust(string? caFile, bool insecure)
    {
        _caFile = caFile;
        Verifies = !insecure;
    }

    ~ServerTrust()
    {
        if (_context != 0)
        {
            OpenSsl.SSL_CTX_free(_context);
        }
    }

    /// <summary>False for --insecure: any certificate is accepted.</summary>
    internal bool Verifies { get; }

    public static ServerTrust From(CheckContext context, TlsOptions tls) =>
        From(context.Get(tls.CaFile), context.Get(tls.Insecure));

    /// <summary>For checks whose trust settings also come from elsewhere (clouds.yaml's cacert and verify).</summary>
    /// <exception cref="CheckException">The CA file cannot be read or holds no certificate.</exception>
    /// <remarks>A CA file is read at once, by OpenSSL itself: a bad one is reported before any connection.</remarks>
    public static ServerTrust From(string? caFile, bool insecure)
    {
        var trust = new ServerTrust(insecure ? null : caFile, insecure);
        if (trust._caFile is not null)
        {
            trust.Context();
        }

        return trust;
    }

    /// <summary>The OpenSSL context (SSL_CTX) of this trust, made at the first call.</summary>
    /// <exception cref="CheckException">OpenSSL cannot be loaded, refused the CA file or could not make a context.</exception>
    internal nint Context()
    {
        lock (_guard)
        {
            if (_context == 0)
            {
                _context = NewContext();
            }

            return _context;
        }
    }

    private nint NewContext()
    {
        OpenSsl.Load();
        OpenSsl.ERR_clear_error();
        nint context = OpenSsl.SSL_CTX_new(OpenSsl.TLS_client_method());
        if (context == 0)
        {
            throw new CheckException($"cannot set up TLS: {OpenSsl.QueuedReason() ?? "OpenSSL made no context"}");
        }

        OpenSsl.SSL_CTX_set_options(context, OpenSsl.IgnoreUnexpectedEof);
        OpenSsl.SSL_CTX_set_verify(context, Verifies ? OpenSsl.VerifyPeer : OpenSsl.VerifyNone, 0);
        bool loaded = !Verifies
            || (_caFile is null
                ? LoadSystemStore(context)
                : OpenSsl.SSL_CTX_load_verify_locations(context, _caFile) == 1
                    && OpenSsl.X509_VERIFY_PARAM_set_flags(OpenSsl.SSL_CTX_get0_param(context), OpenSsl.PartialChain) == 1);
        if (!loaded)
        {
            string reason = OpenSsl.QueuedReason() ?? "OpenSSL refused it";
            OpenSsl.SSL_CTX_free(context);
            throw new CheckException(_caFile is null ? $"cannot use the system certificate store: {reason}" : $"cannot read CA file {_caFile}: {reason}");
        }

        return context;
    }

    /// <summary>
    /// The system store as a directory of certificates named by their subject's hash, which
    /// update-ca-certificates keeps (SSL_CERT_DIR instead when set, and SSL_CERT_FILE too, as
    /// OpenSSL's defaults honour them). OpenSSL's default paths would also parse the whole
    /// bundle, /etc/ssl/certs/ca-certificates.crt (144 authorities), at every run: 50 to 70 ms,
    /// where the directory reads the one authority a chain needs when it needs it.
    /// </summary>
    private static bool LoadSystemStore(nint context)
    {
        string directory = Set("SSL_CERT_DIR") ?? OpenSsl.DefaultCertificateDirectory();
        string? file = Set("SSL_CERT_FILE");
        return OpenSsl.SSL_CTX_load_verify_dir(context, directory) == 1
            && (file is null || OpenSsl.SSL_CTX_load_verify_file(context, file) == 1);

        // An empty variable names nothing, as OpenSSL reads it.
        static string? Set(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
    }
}
