using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using StackFsck.Plugin.Http;
using StackFsck.Tests;

namespace StackFsck.Plugin.Tests.Http;

/// <summary>
/// https against a hand-made TLS server on loopback with a self-signed certificate for
/// 127.0.0.1: verification is on by default (the system store does not know it), a CA file
/// holding it is trusted, another CA file is not, and --insecure accepts anything.
/// </summary>
public sealed class ServerTrustTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("server-trust").FullName;
    private readonly Deadline _deadline = new(new TimeoutSetting(30, Status.Unknown), _ => false);

    [Fact]
    public void An_unknown_certificate_is_refused_by_default_naming_the_url()
    {
        using var server = new HandMadeTlsServer(TestCertificate.SelfSigned("127.0.0.1"));

        CheckException error = Assert.Throws<CheckException>(() => Get(server, ServerTrust.From(null, insecure: false)));

        Assert.StartsWith($"cannot reach https://127.0.0.1:{server.Port}/api: TLS handshake failed: ", error.Message);
    }

    [Fact]
    public void A_ca_file_holding_the_certificate_is_trusted()
    {
        X509Certificate2 certificate = TestCertificate.SelfSigned("127.0.0.1");
        using var server = new HandMadeTlsServer(certificate);

        Assert.Equal("ok", Get(server, ServerTrust.From(Pem("ca.pem", certificate), insecure: false)));
    }

    [Fact]
    public void A_ca_file_of_another_authority_is_refused()
    {
        using var server = new HandMadeTlsServer(TestCertificate.SelfSigned("127.0.0.1"));

        Assert.Throws<CheckException>(() => Get(server, ServerTrust.From(Pem("other.pem", TestCertificate.SelfSigned("127.0.0.1")), insecure: false)));
    }

    [Fact]
    public void A_certificate_for_another_name_is_refused_even_from_the_ca_file()
    {
        X509Certificate2 certificate = TestCertificate.SelfSigned("10.9.9.9");
        using var server = new HandMadeTlsServer(certificate);

        Assert.Throws<CheckException>(() => Get(server, ServerTrust.From(Pem("ca.pem", certificate), insecure: false)));
    }

    [Fact]
    public void Insecure_accepts_any_certificate()
    {
        using var server = new HandMadeTlsServer(TestCertificate.SelfSigned("10.9.9.9"));

        Assert.Equal("ok", Get(server, ServerTrust.From(null, insecure: true)));
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_one_sentence()
    {
        string empty = Path.Combine(_folder, "empty.pem");
        File.WriteAllText(empty, "");

        CheckException error = Assert.Throws<CheckException>(() => ServerTrust.From(empty, insecure: false));

        Assert.Equal($"cannot read CA file {empty}: no certificate or crl found", error.Message);
    }

    [Fact]
    public void A_missing_ca_file_is_named_with_the_systems_reason()
    {
        string missing = Path.Combine(_folder, "missing.pem");

        CheckException error = Assert.Throws<CheckException>(() => ServerTrust.From(missing, insecure: false));

        Assert.Equal($"cannot read CA file {missing}: No such file or directory", error.Message);
    }

    public void Dispose()
    {
        _deadline.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Get(HandMadeTlsServer server, ServerTrust trust)
    {
        using var session = new HttpSession(trust, _deadline);
        HttpResponse response = session.Send(new HttpRequest("GET", new Uri($"https://127.0.0.1:{server.Port}/api")));
        return new StreamReader(response.Body).ReadToEnd();
    }

    private string Pem(string name, X509Certificate2 certificate) => TestCertificate.WritePem(certificate, Path.Combine(_folder, name));

    /// <summary>A hand-made https server: a TLS handshake with the given certificate, then "ok" to one request.</summary>
    private sealed class HandMadeTlsServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public HandMadeTlsServer(X509Certificate2 certificate)
        {
            _listener.Start();
            _ = ServeAsync(certificate);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose() => _listener.Stop();

        private async Task ServeAsync(X509Certificate2 certificate)
        {
            try
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync();
                using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(certificate);
                var head = new byte[4096];
                int read = 0;
                while (!Encoding.ASCII.GetString(head, 0, read).Contains("\r\n\r\n"))
                {
                    int more = await tls.ReadAsync(head.AsMemory(read));
                    if (more == 0)
                    {
                        return;
                    }

                    read += more;
                }

                await tls.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray());
            }
            catch (Exception error) when (error is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException or SocketException)
            {
                // The client refused the certificate: what the refusing tests expect.
            }
        }
    }
}
