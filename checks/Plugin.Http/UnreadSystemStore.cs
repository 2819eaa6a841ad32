using System.Runtime.InteropServices;

namespace StackFsck.Plugin.Http;

/// <summary>
/// Keeps .NET from reading the system's certificate store when a run's trust does not come from
/// it (a CA file, or --insecure). On Linux every X509Chain build, the one SslStream makes for each
/// handshake included, first loads and parses every file the store holds (all of /etc/ssl/certs and
/// ca-certificates.crt, some 290 certificates on Debian) to offer them as roots and intermediates,
/// whatever the chain's trust mode; with CustomRootTrust the roots go unused. That load was most of
/// an https run (bench/http_single.sh). .NET finds the store through OpenSSL's SSL_CERT_FILE and
/// SSL_CERT_DIR, read from the C environment once, at the first chain build of the process; set
/// empty, they name no store, and the chain sees only the CA file's certificates, as curl's
/// --cacert does. The setting is process-wide and cannot be undone once a chain was built, so
/// it is made only in a process that runs one check (<see cref="CheckHost.OwnsProcess"/>).
/// </summary>
internal static partial class UnreadSystemStore
{
    private static readonly Lock Guard = new();
    private static bool _unread;

    /// <summary>True once this process's store was left unread: a later trust in it could not be honoured.</summary>
    public static bool InEffect
    {
        get
        {
            lock (Guard)
            {
                return _unread;
            }
        }
    }

    /// <summary>Names no store for the rest of the process, before its first chain build.</summary>
    public static void Apply()
    {
        lock (Guard)
        {
            if (_unread)
            {
                return;
            }

            // setenv(3) changes the C environment that OpenSSL's shim reads; Environment's copy is .NET's own.
            if (setenv("SSL_CERT_FILE", "", 1) != 0 || setenv("SSL_CERT_DIR", "", 1) != 0)
            {
                throw new InvalidOperationException($"setenv failed: errno {Marshal.GetLastPInvokeError()}");
            }

            _unread = true;
        }
    }

    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);
}
