using System.Security.Cryptography.X509Certificates;
using StackFsck.Tests;

namespace StackFsck.RabbitMq.Tests;

/// <summary>
/// https trust as the installed check decides it, in a process of its own, where a CA file or
/// --insecure leaves the system store unread: the CA file's authority is trusted and no other, a
/// certificate for another name is refused even so, the system store (the default) refuses a
/// self-signed server, and --insecure accepts any. The https server is hand-made (CannedHttpServer
/// with a certificate): the decision is the client's alone, and a test certificate is all it needs.
/// </summary>
public sealed class TrustTests : IDisposable
{
    private static readonly Dictionary<string, string?> Guest = new() { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "guest" };
    private readonly string _folder = Directory.CreateTempSubdirectory("rabbitmq-trust").FullName;

    [Fact]
    public void A_ca_file_holding_the_servers_certificate_is_trusted()
    {
        X509Certificate2 certificate = TestCertificate.SelfSigned("127.0.0.1");
        using var server = Serving(certificate);

        CheckRun run = Against(server, "--ca-file", Pem("ca.pem", certificate));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES OK - ", run.FirstLine);
    }

    [Fact]
    public void A_ca_file_of_another_authority_is_refused()
    {
        using var server = Serving(TestCertificate.SelfSigned("127.0.0.1"));

        AssertRefused(server, Against(server, "--ca-file", Pem("other.pem", TestCertificate.SelfSigned("127.0.0.1"))));
    }

    [Fact]
    public void A_certificate_for_another_name_is_refused_even_from_the_ca_file()
    {
        X509Certificate2 certificate = TestCertificate.SelfSigned("10.9.9.9");
        using var server = Serving(certificate);

        AssertRefused(server, Against(server, "--ca-file", Pem("ca.pem", certificate)));
    }

    [Fact]
    public void A_ca_file_that_also_holds_an_old_style_encrypted_key_is_refused_in_one_sentence()
    {
        // The check leaves out OpenSSL's table of ciphers by name (checks/Plugin.Http/OpenSsl.cs),
        // which only such a key (Proc-Type: 4,ENCRYPTED) needs: the refusal must still say why.
        X509Certificate2 certificate = TestCertificate.SelfSigned("127.0.0.1");
        using var server = Serving(certificate);
        string key = Path.Combine(_folder, "key.pem");
        Assert.Equal(0, Dist.RunProgram("openssl", ["genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "-out", key, "2048"], new Dictionary<string, string?>()).ExitCode);
        string caFile = Pem("ca.pem", certificate);
        File.AppendAllText(caFile, "\n" + File.ReadAllText(key));

        CheckRun run = Against(server, "--ca-file", caFile);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - cannot read CA file {caFile}: unsupported encryption", run.FirstLine);
    }

    [Fact]
    public void The_system_store_refuses_a_self_signed_server()
    {
        using var server = Serving(TestCertificate.SelfSigned("127.0.0.1"));

        AssertRefused(server, Against(server));
    }

    [Fact]
    public void Insecure_accepts_any_certificate()
    {
        using var server = Serving(TestCertificate.SelfSigned("10.9.9.9"));

        Assert.Equal(0, Against(server, "--insecure").ExitCode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CannedHttpServer Serving(X509Certificate2 certificate) => new(CannedHttpServer.Json("[]"), certificate);

    private static CheckRun Against(CannedHttpServer server, params string[] args) =>
        Dist.Run("check_rabbitmq_compute_queues", ["-H", "127.0.0.1", "-p", server.Port.ToString(), "--ssl", "--allow-empty", .. args], Guest);

    private static void AssertRefused(CannedHttpServer server, CheckRun run)
    {
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"COMPUTE_QUEUES UNKNOWN - cannot reach https://127.0.0.1:{server.Port}/api/queues/%2F: TLS handshake failed: ", run.FirstLine);
    }

    private string Pem(string name, X509Certificate2 certificate) => TestCertificate.WritePem(certificate, Path.Combine(_folder, name));
}
