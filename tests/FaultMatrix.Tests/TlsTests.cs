namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// --ssl-ca, --ssl-cert and --ssl-key imply --ssl, as the mysql client's --ssl-ca does: against
/// the test tier's MariaDB, which offers no TLS, naming a CA file refuses to go on in plain text.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly ScratchDatabase _keystone = new("tls", "keystone");

    [Theory]
    [InlineData("--ssl-ca")]
    [InlineData("--ssl-cert")]
    [InlineData("--ssl-key")]
    public void A_tls_file_without_ssl_refuses_a_plain_connection(string option)
    {
        CheckRun plain = Run();
        CheckRun tls = Run(option, "/etc/ssl/certs/ca-certificates.crt");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(3, tls.ExitCode);
        Assert.StartsWith("KEYSTONE_REVOCATIONS UNKNOWN - ", tls.FirstLine);
        Assert.Contains("TLS", tls.FirstLine);
        Checks.AssertNoInternals(tls);
    }

    public void Dispose() => _keystone.Dispose();

    private CheckRun Run(params string[] more) => Dist.Run("check_keystone_revocations",
        ["-f", _keystone.ReadOnly, "-d", _keystone.Name, "-H", ScratchDatabase.Host, "-P", ScratchDatabase.Port, .. more]);
}
