using System.Runtime.InteropServices;

namespace StackFsck.Plugin.Http;

/// <summary>
/// The OpenSSL 3 calls the checks' https makes, bound to libssl.so.3 and libcrypto.so.3 as
/// check_http is. Nothing here is bound when the check is linked: a run over plain http never
/// loads OpenSSL, and one over https loads it at its first handshake. Constants are those of
/// OpenSSL 3's headers (ssl.h, x509_vfy.h).
/// </summary>
internal static partial class OpenSsl
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
    private const string Ssl = "libssl.so.3";
    private const string Crypto = "libcrypto.so.3";

    /// <summary>
    /// The reason of the oldest error OpenSSL queued on this thread ("certificate verify failed"),
    /// or null. A failed system call is queued as its errno under ERR_SYSTEM_FLAG (the top bit).
    /// </summary>
    public static string? QueuedReason()
    {
        const ulong SystemError = 1UL << 31;
        ulong code = ERR_get_error();
        return code == 0 ? null
            : (code & SystemError) != 0 ? Marshal.GetPInvokeErrorMessage((int)(code & (SystemError - 1)))
            : Marshal.PtrToStringUTF8(ERR_reason_error_string(code)) ?? $"OpenSSL error {code:x}";
    }

    /// <summary>Why a certificate was refused, in OpenSSL's words ("self-signed certificate").</summary>
    public static string VerifyReason(long result) => Marshal.PtrToStringUTF8(X509_verify_cert_error_string(result)) ?? $"verify error {result}";

    /// <summary>SNI (RFC 6066): names only, never an address.</summary>
    public static unsafe void SetServerName(nint ssl, string host)
    {
        byte[] name = System.Text.Encoding.UTF8.GetBytes(host + "\0");
        fixed (byte* start = name)
        {
            SSL_ctrl(ssl, SetHostName, HostNameType, (nint)start);
        }
    }

    [LibraryImport(Ssl)]
    public static partial nint TLS_client_method();

    [LibraryImport(Ssl)]
    public static partial nint SSL_CTX_new(nint method);

    [LibraryImport(Ssl)]
    public static partial void SSL_CTX_free(nint context);

    [LibraryImport(Ssl)]
    public static partial ulong SSL_CTX_set_options(nint context, ulong options);

    [LibraryImport(Ssl)]
    public static partial void SSL_CTX_set_verify(nint context, int mode, nint callback);

    [LibraryImport(Ssl, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SSL_CTX_load_verify_locations(nint context, string? file, string? directory);

    [LibraryImport(Ssl, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SSL_CTX_load_verify_dir(nint context, string directory);

    [LibraryImport(Ssl, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SSL_CTX_load_verify_file(nint context, string file);

    /// <summary>OpenSSL's own certificate directory (Debian: /usr/lib/ssl/certs, a link to /etc/ssl/certs).</summary>
    public static string DefaultCertificateDirectory() => Marshal.PtrToStringUTF8(X509_get_default_cert_dir()) ?? "/etc/ssl/certs";

    [LibraryImport(Ssl)]
    public static partial nint SSL_CTX_get0_param(nint context);

    [LibraryImport(Ssl)]
    public static partial nint SSL_new(nint context);

    [LibraryImport(Ssl)]
    public static partial void SSL_free(nint ssl);

    [LibraryImport(Ssl)]
    public static partial int SSL_set_fd(nint ssl, int fd);

    [LibraryImport(Ssl, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SSL_set1_host(nint ssl, string host);

    [LibraryImport(Ssl)]
    public static partial nint SSL_get0_param(nint ssl);

    [LibraryImport(Ssl, SetLastError = true)]
    public static partial int SSL_connect(nint ssl);

    [LibraryImport(Ssl, SetLastError = true)]
    public static unsafe partial int SSL_read(nint ssl, byte* buffer, int count);

    [LibraryImport(Ssl, SetLastError = true)]
    public static unsafe partial int SSL_write(nint ssl, byte* buffer, int count);

    [LibraryImport(Ssl)]
    public static partial int SSL_get_error(nint ssl, int result);

    [LibraryImport(Ssl)]
    public static partial long SSL_get_verify_result(nint ssl);

    [LibraryImport(Crypto)]
    public static partial void ERR_clear_error();

    [LibraryImport(Crypto)]
    public static partial int X509_VERIFY_PARAM_set_flags(nint parameters, ulong flags);

    [LibraryImport(Crypto, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int X509_VERIFY_PARAM_set1_ip_asc(nint parameters, string address);

    [LibraryImport(Ssl)]
    private static partial long SSL_ctrl(nint ssl, int command, long value, nint pointer);

    [LibraryImport(Crypto)]
    private static partial ulong ERR_get_error();

    [LibraryImport(Crypto)]
    private static partial nint ERR_reason_error_string(ulong code);

    [LibraryImport(Crypto)]
    private static partial nint X509_verify_cert_error_string(long result);

    [LibraryImport(Crypto)]
    private static partial nint X509_get_default_cert_dir();
}
