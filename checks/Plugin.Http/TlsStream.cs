using System.Net;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace StackFsck.Plugin.Http;

/// <summary>
/// TLS over a connected socket with OpenSSL itself, as check_http speaks it: the handshake, reads
/// and writes run on the socket's non-blocking descriptor, and whenever OpenSSL wants the socket
/// to be readable or writable the caller's thread waits in poll(2) with what is left of the
/// deadline. .NET's SslStream on the same OpenSSL made an https GET take about 3 ms longer
/// (bench/http_single.sh, load 2: 25.4 against 22.6 ms) and read the whole system store at a
/// process's first handshake, where OpenSSL looks up the one authority it needs by its hash.
/// </summary>
internal sealed class TlsStream : SynchronousStream
{
    private readonly SocketStream _socket;
    private nint _ssl;

    private TlsStream(SocketStream socket, nint ssl)
    {
        _socket = socket;
        _ssl = ssl;
    }

    public override bool CanWrite => true;

    /// <summary>
    /// The handshake with the server at <paramref name="host"/> (a name or an address, as in the URL),
    /// its certificate judged by <paramref name="trust"/>. A refusal is an <see cref="AuthenticationException"/>
    /// saying why; the stream owns the socket from here, and closes it on a failure too.
    /// </summary>
    public static TlsStream Connect(SocketStream socket, string host, ServerTrust trust)
    {
        nint ssl = OpenSsl.SSL_new(trust.Context());
        var stream = new TlsStream(socket, ssl);
        try
        {
            stream.Handshake(host, trust.Verifies);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override unsafe int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        fixed (byte* start = buffer)
        {
            while (true)
            {
                OpenSsl.ERR_clear_error();
                int read = OpenSsl.SSL_read(_ssl, start, buffer.Length);
                if (read > 0)
                {
                    return read;
                }

                int error = OpenSsl.SSL_get_error(_ssl, read);
                if (error == OpenSsl.ZeroReturn)
                {
                    return 0;
                }

                Wait(error, () => new IOException(Reason(error, "the TLS session broke off")));
            }
        }
    }

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        fixed (byte* start = buffer)
        {
            // OpenSSL writes the buffer whole or asks again with the same bytes.
            while (true)
            {
                OpenSsl.ERR_clear_error();
                int written = OpenSsl.SSL_write(_ssl, start, buffer.Length);
                if (written > 0)
                {
                    return;
                }

                int error = OpenSsl.SSL_get_error(_ssl, written);
                Wait(error, () => new IOException(Reason(error, "the TLS session broke off")));
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (_ssl != 0)
        {
            OpenSsl.SSL_free(_ssl);
            _ssl = 0;
        }

        _socket.Dispose();
        base.Dispose(disposing);
    }

    private void Handshake(string host, bool verify)
    {
        if (_ssl == 0 || OpenSsl.SSL_set_fd(_ssl, _socket.Descriptor) != 1)
        {
            throw new AuthenticationException(OpenSsl.QueuedReason() ?? "OpenSSL could not start a session");
        }

        bool address = IPAddress.TryParse(host.Trim('[', ']'), out _);
        if (!address)
        {
            OpenSsl.SetServerName(_ssl, host);
        }

        // The name or address the certificate must be for: without it any trusted certificate would pass.
        if (verify && (address
            ? OpenSsl.X509_VERIFY_PARAM_set1_ip_asc(OpenSsl.SSL_get0_param(_ssl), host.Trim('[', ']'))
            : OpenSsl.SSL_set1_host(_ssl, host)) != 1)
        {
            throw new AuthenticationException($"cannot verify the server as '{PluginText.Printable(host)}'");
        }

        while (true)
        {
            OpenSsl.ERR_clear_error();
            int done = OpenSsl.SSL_connect(_ssl);
            if (done == 1)
            {
                return;
            }

            int error = OpenSsl.SSL_get_error(_ssl, done);
            Wait(error, () => new AuthenticationException(HandshakeReason(error)));
        }
    }

    /// <summary>Waits for what OpenSSL wants of the socket; any other outcome throws <paramref name="failure"/>'s exception.</summary>
    private void Wait(int error, Func<Exception> failure)
    {
        short events = error switch
        {
            OpenSsl.WantRead => PosixSockets.PollIn,
            OpenSsl.WantWrite => PosixSockets.PollOut,
            _ => throw failure(),
        };
        SocketStream.WaitUntilReady(_socket.Descriptor, events, _socket.Deadline);
    }

    private string HandshakeReason(int error)
    {
        long verified = OpenSsl.SSL_get_verify_result(_ssl);
        return verified != OpenSsl.VerifiedOk
            ? $"the server's certificate is not trusted ({OpenSsl.VerifyReason(verified)})"
            : Reason(error, "the server closed the connection during the handshake");
    }

    /// <summary>OpenSSL's queued reason, else the system call's error, else <paramref name="closed"/> (an end of file).</summary>
    private static string Reason(int error, string closed)
    {
        int errno = Marshal.GetLastPInvokeError();
        return OpenSsl.QueuedReason()
            ?? (error == OpenSsl.SystemCall && errno != 0 ? Marshal.GetPInvokeErrorMessage(errno) : closed);
    }
}
