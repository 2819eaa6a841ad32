using StackFsck.Tests;

namespace StackFsck.RabbitMq.Tests;

/// <summary>
/// The check over https against RabbitMQ's own TLS listener (the test broker's management.ssl,
/// a certificate for 127.0.0.1 and localhost from a CA of the test's): what an operator runs
/// in production, where TrustTests' hand-made server only shows the client's decisions. The
/// CA verifies the broker by address and by name; the system store does not know that CA, and a
/// store of the same form that holds it does.
/// </summary>
public class BrokerTlsTests
{
    private static readonly Dictionary<string, string?> Guest = new() { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "guest" };
    private static readonly Uri Api = new(Repo.Service("STACKFSCK_RABBITMQ_API_TLS"));
    private static readonly string Ca = Repo.Service("STACKFSCK_RABBITMQ_CA");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public void The_brokers_ca_verifies_it_by_address_and_by_name(string host)
    {
        CheckRun run = Against(host, "--ca-file", Ca);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES OK - ", run.FirstLine);
    }

    [Fact]
    public void Https_to_the_brokers_plain_http_listener_is_refused_in_openssls_words()
    {
        // An operator's likely slip (--ssl on the plain port). OpenSSL's reason strings are
        // loaded at the first error, not at start (checks/Plugin.Http/OpenSsl.cs).
        Uri plain = new(Repo.Service("STACKFSCK_RABBITMQ_API"));

        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", ["-H", "127.0.0.1", "-p", plain.Port.ToString(), "--ssl", "--insecure"], Guest);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - cannot reach https://127.0.0.1:{plain.Port}/api/queues/%2F: TLS handshake failed: wrong version number", run.FirstLine);
    }

    [Fact]
    public void The_system_store_refuses_a_broker_signed_by_a_private_ca_naming_why()
    {
        CheckRun run = Against("127.0.0.1");

        Assert.Equal(3, run.ExitCode);
        // The broker sends its CA along (management.ssl.cacertfile): a root the store does not hold.
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - cannot reach https://127.0.0.1:{Api.Port}/api/queues/%2F: TLS handshake failed: "
            + "the server's certificate is not trusted (self-signed certificate in certificate chain)", run.FirstLine);
    }

    [Fact]
    public void A_system_store_of_hashed_authorities_that_holds_the_brokers_ca_trusts_it()
    {
        // The form of Debian's /etc/ssl/certs (update-ca-certificates): each authority under its
        // subject's hash. SSL_CERT_DIR points the check at one that holds the test CA.
        string store = Directory.CreateTempSubdirectory("rabbitmq-store").FullName;
        try
        {
            File.Copy(Ca, Path.Combine(store, "stackfsck-test-ca.pem"));
            CheckRun rehash = Dist.RunProgram("openssl", ["rehash", store], new Dictionary<string, string?>());
            Assert.Equal(0, rehash.ExitCode);

            CheckRun run = Dist.Run("check_rabbitmq_compute_queues",
                ["-H", "127.0.0.1", "-p", Api.Port.ToString(), "--ssl", "--allow-empty", "--queue", "^none$"],
                new Dictionary<string, string?>(Guest) { ["SSL_CERT_DIR"] = store });

            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith("COMPUTE_QUEUES OK - ", run.FirstLine);
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }

    [Fact]
    public void Insecure_reads_the_queues_without_judging_the_certificate()
    {
        Assert.Equal(0, Against("127.0.0.1", "--insecure").ExitCode);
    }

    [Fact]
    public void Plain_http_to_the_tls_port_is_one_clear_line()
    {
        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", ["-H", "127.0.0.1", "-p", Api.Port.ToString(), "--allow-empty"], Guest);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - ", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    private static CheckRun Against(string host, params string[] args) =>
        Dist.Run("check_rabbitmq_compute_queues", ["-H", host, "-p", Api.Port.ToString(), "--ssl", "--allow-empty", "--queue", "^none$", .. args], Guest);
}
