using System.Runtime.InteropServices;
using System.Text;

namespace StackFsck.Plugin.Http;

/// <summary>
/// The OpenSSL 3 calls the checks' https makes, on libssl.so.3 (and the libcrypto.so.3 it
/// brings) as check_http uses them. Nothing here is bound when the check is linked: a run over
/// plain http never loads OpenSSL, and one over https loads it at its first handshake
/// (<see cref="Load"/>). Constants are those of OpenSSL 3's headers (ssl.h, x509_vfy.h).
/// </summary>
/// <remarks>
/// The functions are looked up with dlsym and called through pointers, not declared as
/// [LibraryImport]s: the runtime binds an import at its first call by reading the assembly's
/// import settings through the reflection metadata and probing the executable's directory
/// first, which set up its type loader, read /proc/self/exe's path and allocated on a fresh
/// heap in every https run (perf: the type loader, seven readlinks and two failed opens).
/// </remarks>
internal static unsafe partial class OpenSsl
{
    public const int WantRead = 2; // SSL_ERROR_WANT_READ
    public const int WantWrite = 3; // SSL_ERROR_WANT_WRITE
    public const int SystemCall = 5; // SSL_ERROR_SYSCALL
    public const int ZeroReturn = 6; // SSL_ERROR_ZERO_RETURN: the peer closed the TLS session
    public const int VerifyNone = 0; // SSL_VERIFY_NONE
    public const int VerifyPeer = 1; // SSL_VERIFY_PEER: the handshake fails on a refused certificate
    public const long VerifiedOk = 0; // X509_V_OK

    /// <summary>SSL_OP_IGNORE_UNEXPECTED_EOF: a server that closes without close_notify ends the body, as it does for curl.</summary>
    public const ulong IgnoreUnexpectedEof = 1UL << 7;

    /// <summary>X509_V_FLAG_PARTIAL_CHAIN: an intermediate in the CA file is an anchor of its own, as curl's --cacert has it.</summary>
    public const ulong PartialChain = 0x80000;

    private const int SetHostName = 55; // SSL_CTRL_SET_TLSEXT_HOSTNAME
    private const int HostNameType = 0; // TLSEXT_NAMETYPE_host_name
    private const ulong NoAddAllCiphers = 0x10; // OPENSSL_INIT_NO_ADD_ALL_CIPHERS
    private const ulong NoErrorStrings = 0x1 | 0x100000; // OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS | OPENSSL_INIT_NO_LOAD_SSL_STRINGS
    private const int LazyBinding = 1; // RTLD_LAZY
    private const int LoadedOnly = 4; // RTLD_NOLOAD
    private const string Library = "libssl.so.3";

    private static readonly Lock LoadGuard = new();
    private static Functions? _bound;

    /// <summary>Loads libssl (with libcrypto), binds every function below and initialises OpenSSL, once per process.</summary>
    /// <exception cref="CheckException">OpenSSL 3 is not installed, lacks a function or cannot initialise.</exception>
    /// <remarks>
    /// OpenSSL's default initialisation also fills the table that finds a cipher by its name
    /// (about 150 of them with their aliases), which TLS does not use: it fetches its ciphers
    /// from the provider. Left out (OPENSSL_INIT_NO_ADD_ALL_CIPHERS), an https run is about
    /// 0.3 ms shorter (a C client, 500 paired runs). The one thing that table serves a check is
    /// decrypting a PEM private key in the old format (Proc-Type: 4,ENCRYPTED): a CA file that
    /// holds one is refused ("unsupported encryption"); a CA file needs no private key.
    /// Digests keep their table: certificate signatures are checked through it.
    /// Nor are OpenSSL's reason strings (thousands of them, hashed into a table) loaded at start:
    /// 0.44 ms of an https run (500 paired runs of the check). <see cref="QueuedReason()"/> loads
    /// them at the first error, table by table, through the loaders OpenSSL 3 still exports (a
    /// reason of the few libraries without one, such as the providers', reads "OpenSSL error" and
    /// its code). A check that also links Connector/C keeps them loaded at start: libmariadb words
    /// its own TLS errors with them, and may meet one before this layer does.
    /// </remarks>
    public static void Load()
    {
        lock (LoadGuard)
        {
            if (_bound is null)
            {
                if (!NativeLibrary.TryLoad(Library, out nint library))
                {
                    throw new CheckException($"cannot set up TLS: {Library} (OpenSSL 3) cannot be loaded");
                }

                var bound = new Functions(library);
                if (bound.OPENSSL_init_ssl(NoAddAllCiphers | (ConnectorCLoaded() ? 0 : NoErrorStrings), 0) != 1)
                {
                    throw new CheckException($"cannot set up TLS: {QueuedReason(bound) ?? "OpenSSL did not initialise"}");
                }

                _bound = bound;
            }
        }
    }

    /// <summary>
    /// The reason of the oldest error OpenSSL queued on this thread ("certificate verify failed"),
    /// or null. A failed system call is queued as its errno under ERR_SYSTEM_FLAG (the top bit).
    /// </summary>
    public static string? QueuedReason() => QueuedReason(F);

    /// <summary>Why a certificate was refused, in OpenSSL's words ("self-signed certificate").</summary>
    public static string VerifyReason(long result) => Marshal.PtrToStringUTF8(F.X509_verify_cert_error_string(result)) ?? $"verify error {result}";

    /// <summary>SNI (RFC 6066): names only, never an address.</summary>
    public static void SetServerName(nint ssl, string host)
    {
        fixed (byte* name = Utf8(host))
        {
            F.SSL_ctrl(ssl, SetHostName, HostNameType, (nint)name);
        }
    }

    /// <summary>OpenSSL's own certificate directory (Debian: /usr/lib/ssl/certs, a link to /etc/ssl/certs).</summary>
    public static string DefaultCertificateDirectory() => Marshal.PtrToStringUTF8(F.X509_get_default_cert_dir()) ?? "/etc/ssl/certs";

    public static nint TLS_client_method() => F.TLS_client_method();

    public static nint SSL_CTX_new(nint method) => F.SSL_CTX_new(method);

    public static void SSL_CTX_free(nint context) => F.SSL_CTX_free(context);

    public static ulong SSL_CTX_set_options(nint context, ulong options) => F.SSL_CTX_set_options(context, options);

    public static void SSL_CTX_set_verify(nint context, int mode, nint callback) => F.SSL_CTX_set_verify(context, mode, callback);

    public static int SSL_CTX_load_verify_locations(nint context, string file)
    {
        fixed (byte* path = Utf8(file))
        {
            return F.SSL_CTX_load_verify_locations(context, path, null);
        }
    }

    public static int SSL_CTX_load_verify_dir(nint context, string directory)
    {
        fixed (byte* path = Utf8(directory))
        {
            return F.SSL_CTX_load_verify_dir(context, path);
        }
    }

    public static int SSL_CTX_load_verify_file(nint context, string file)
    {
        fixed (byte* path = Utf8(file))
        {
            return F.SSL_CTX_load_verify_file(context, path);
        }
    }

    public static nint SSL_CTX_get0_param(nint context) => F.SSL_CTX_get0_param(context);

    public static nint SSL_new(nint context) => F.SSL_new(context);

    public static void SSL_free(nint ssl) => F.SSL_free(ssl);

    public static int SSL_set_fd(nint ssl, int fd) => F.SSL_set_fd(ssl, fd);

    public static int SSL_set1_host(nint ssl, string host)
    {
        fixed (byte* name = Utf8(host))
        {
            return F.SSL_set1_host(ssl, name);
        }
    }

    public static nint SSL_get0_param(nint ssl) => F.SSL_get0_param(ssl);

    /// <summary>The socket calls below keep errno for <see cref="Marshal.GetLastPInvokeError"/>, as SetLastError imports do.</summary>
    public static int SSL_connect(nint ssl) => KeepErrno(F.SSL_connect(ssl));

    public static int SSL_read(nint ssl, byte* buffer, int count) => KeepErrno(F.SSL_read(ssl, buffer, count));

    public static int SSL_write(nint ssl, byte* buffer, int count) => KeepErrno(F.SSL_write(ssl, buffer, count));

    public static int SSL_get_error(nint ssl, int result) => F.SSL_get_error(ssl, result);

    public static long SSL_get_verify_result(nint ssl) => F.SSL_get_verify_result(ssl);

    public static void ERR_clear_error()
    {
        F.ERR_clear_error();
        Marshal.SetLastSystemError(0);
    }

    public static int X509_VERIFY_PARAM_set_flags(nint parameters, ulong flags) => F.X509_VERIFY_PARAM_set_flags(parameters, flags);

    public static int X509_VERIFY_PARAM_set1_ip_asc(nint parameters, string address)
    {
        fixed (byte* text = Utf8(address))
        {
            return F.X509_VERIFY_PARAM_set1_ip_asc(parameters, text);
        }
    }

    /// <summary>The bound functions; OpenSSL is used only after <see cref="Load"/>, which the first context makes.</summary>
    private static Functions F => _bound ?? throw new InvalidOperationException("OpenSSL used before OpenSsl.Load()");

    private static string? QueuedReason(Functions functions)
    {
        const ulong SystemError = 1UL << 31;
        ulong code = functions.ERR_get_error();
        if (code == 0)
        {
            return null;
        }

        if ((code & SystemError) != 0)
        {
            return Marshal.GetPInvokeErrorMessage((int)(code & (SystemError - 1)));
        }

        functions.LoadReasons();
        return Marshal.PtrToStringUTF8(functions.ERR_reason_error_string(code)) ?? $"OpenSSL error {code:x}";
    }

    /// <summary>Whether Connector/C is in this process already (dlopen with RTLD_NOLOAD loads nothing).</summary>
    private static bool ConnectorCLoaded()
    {
        nint handle = dlopen("libmariadb.so.3", LazyBinding | LoadedOnly);
        if (handle != 0)
        {
            _ = dlclose(handle);
        }

        return handle != 0;
    }

    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint dlopen(string file, int mode);

    [LibraryImport("libc.so.6")]
    private static partial int dlclose(nint handle);

    private static int KeepErrno(int result)
    {
        Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());
        return result;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    /// <summary>
    /// The addresses of the functions the calls above make, with their C signatures, each found by
    /// its own name. dlsym through libssl's handle also finds libcrypto's functions: it searches the
    /// library's dependencies.
    /// </summary>
    private sealed class Functions(nint library)
    {
        public readonly delegate* unmanaged<ulong, nint, int> OPENSSL_init_ssl = (delegate* unmanaged<ulong, nint, int>)Export(library, nameof(OPENSSL_init_ssl));
        public readonly delegate* unmanaged<nint> TLS_client_method = (delegate* unmanaged<nint>)Export(library, nameof(TLS_client_method));
        public readonly delegate* unmanaged<nint, nint> SSL_CTX_new = (delegate* unmanaged<nint, nint>)Export(library, nameof(SSL_CTX_new));
        public readonly delegate* unmanaged<nint, void> SSL_CTX_free = (delegate* unmanaged<nint, void>)Export(library, nameof(SSL_CTX_free));
        public readonly delegate* unmanaged<nint, ulong, ulong> SSL_CTX_set_options = (delegate* unmanaged<nint, ulong, ulong>)Export(library, nameof(SSL_CTX_set_options));
        public readonly delegate* unmanaged<nint, int, nint, void> SSL_CTX_set_verify = (delegate* unmanaged<nint, int, nint, void>)Export(library, nameof(SSL_CTX_set_verify));
        public readonly delegate* unmanaged<nint, byte*, byte*, int> SSL_CTX_load_verify_locations = (delegate* unmanaged<nint, byte*, byte*, int>)Export(library, nameof(SSL_CTX_load_verify_locations));
        public readonly delegate* unmanaged<nint, byte*, int> SSL_CTX_load_verify_dir = (delegate* unmanaged<nint, byte*, int>)Export(library, nameof(SSL_CTX_load_verify_dir));
        public readonly delegate* unmanaged<nint, byte*, int> SSL_CTX_load_verify_file = (delegate* unmanaged<nint, byte*, int>)Export(library, nameof(SSL_CTX_load_verify_file));
        public readonly delegate* unmanaged<nint, nint> SSL_CTX_get0_param = (delegate* unmanaged<nint, nint>)Export(library, nameof(SSL_CTX_get0_param));
        public readonly delegate* unmanaged<nint, nint> SSL_new = (delegate* unmanaged<nint, nint>)Export(library, nameof(SSL_new));
        public readonly delegate* unmanaged<nint, void> SSL_free = (delegate* unmanaged<nint, void>)Export(library, nameof(SSL_free));
        public readonly delegate* unmanaged<nint, int, int> SSL_set_fd = (delegate* unmanaged<nint, int, int>)Export(library, nameof(SSL_set_fd));
        public readonly delegate* unmanaged<nint, byte*, int> SSL_set1_host = (delegate* unmanaged<nint, byte*, int>)Export(library, nameof(SSL_set1_host));
        public readonly delegate* unmanaged<nint, nint> SSL_get0_param = (delegate* unmanaged<nint, nint>)Export(library, nameof(SSL_get0_param));
        public readonly delegate* unmanaged<nint, int> SSL_connect = (delegate* unmanaged<nint, int>)Export(library, nameof(SSL_connect));
        public readonly delegate* unmanaged<nint, byte*, int, int> SSL_read = (delegate* unmanaged<nint, byte*, int, int>)Export(library, nameof(SSL_read));
        public readonly delegate* unmanaged<nint, byte*, int, int> SSL_write = (delegate* unmanaged<nint, byte*, int, int>)Export(library, nameof(SSL_write));
        public readonly delegate* unmanaged<nint, int, int> SSL_get_error = (delegate* unmanaged<nint, int, int>)Export(library, nameof(SSL_get_error));
        public readonly delegate* unmanaged<nint, long> SSL_get_verify_result = (delegate* unmanaged<nint, long>)Export(library, nameof(SSL_get_verify_result));
        public readonly delegate* unmanaged<nint, int, long, nint, long> SSL_ctrl = (delegate* unmanaged<nint, int, long, nint, long>)Export(library, nameof(SSL_ctrl));
        public readonly delegate* unmanaged<void> ERR_clear_error = (delegate* unmanaged<void>)Export(library, nameof(ERR_clear_error));
        public readonly delegate* unmanaged<ulong> ERR_get_error = (delegate* unmanaged<ulong>)Export(library, nameof(ERR_get_error));
        public readonly delegate* unmanaged<ulong, nint> ERR_reason_error_string = (delegate* unmanaged<ulong, nint>)Export(library, nameof(ERR_reason_error_string));
        public readonly delegate* unmanaged<nint, ulong, int> X509_VERIFY_PARAM_set_flags = (delegate* unmanaged<nint, ulong, int>)Export(library, nameof(X509_VERIFY_PARAM_set_flags));
        public readonly delegate* unmanaged<nint, byte*, int> X509_VERIFY_PARAM_set1_ip_asc = (delegate* unmanaged<nint, byte*, int>)Export(library, nameof(X509_VERIFY_PARAM_set1_ip_asc));
        public readonly delegate* unmanaged<long, nint> X509_verify_cert_error_string = (delegate* unmanaged<long, nint>)Export(library, nameof(X509_verify_cert_error_string));
        public readonly delegate* unmanaged<nint> X509_get_default_cert_dir = (delegate* unmanaged<nint>)Export(library, nameof(X509_get_default_cert_dir));

        /// <summary>The libraries whose reason strings <see cref="LoadReasons"/> loads, each by its ERR_load_*_strings.</summary>
        private static readonly string[] ReasonTables =
        [
            "ERR", "SSL", "X509", "X509V3", "PEM", "ASN1", "BIO", "BUF", "EVP", "RSA", "EC", "DH", "DSA", "BN", "OBJ",
            "CONF", "CRYPTO", "RAND", "OSSL_STORE", "PKCS7", "PKCS12", "OCSP", "CT", "KDF", "ENGINE", "ASYNC", "UI", "CMS", "COMP", "TS",
        ];

        private int _reasonsLoaded;

        /// <summary>OpenSSL's reason strings, once (a table already loaded is left as it is).</summary>
        public void LoadReasons()
        {
            if (Interlocked.Exchange(ref _reasonsLoaded, 1) == 0)
            {
                foreach (string table in ReasonTables)
                {
                    if (NativeLibrary.TryGetExport(library, $"ERR_load_{table}_strings", out nint load))
                    {
                        _ = ((delegate* unmanaged<int>)load)();
                    }
                }
            }
        }

        private static nint Export(nint library, string name) =>
            NativeLibrary.TryGetExport(library, name, out nint address) ? address
                : throw new CheckException($"cannot set up TLS: {Library} has no {name} (OpenSSL 3 is needed)");
    }
}
