namespace StackFsck.Confgen.Tests.Nagios;

/// <summary>Services set their checks' options as named custom variables; confgen refuses what Nagios would run wrongly.</summary>
public sealed class ServiceArgumentsTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void AnOptionalOptionCarriesItsFlagAndAnUnsetOneIsDefinedEmpty()
    {
        Assert.Equal(0, workspace.Render().ExitCode);
        string services = File.ReadAllText(Path.Combine(workspace.Output, "nagios-global.prod.example.net/environments/prod/global/services.cfg"));

        Assert.Contains("    _KEYSTONE_REVOCATIONS_WARNING           -w 5000\n", services);
        Assert.Contains("    _RABBITMQ_COMPUTE_QUEUES_EXPECT             --expect scheduler\n", services);
        Assert.Contains("    _KEYSTONE_REVOCATIONS_WARNING_OLDEST\n", services);
        Assert.DoesNotContain("!", services.Split('\n').Where(l => l.Contains("check_command", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("    _KEYSTONE_TOKEN_LATENCY_OS_CLOUD    {{cloud}}\n", "", "runs stackfsck_keystone_token_latency, which needs _KEYSTONE_TOKEN_LATENCY_OS_CLOUD (--os-cloud: ")]
    [InlineData("stackfsck_keystone_token_latency\n", "stackfsck_keystone_token_latency!{{cloud}}\n", "passes $ARGn$ to stackfsck_keystone_token_latency")]
    [InlineData("    _KEYSTONE_TOKEN_LATENCY_OS_CLOUD    {{cloud}}\n", "    _KEYSTONE_TOKEN_LATENCY_OS_CLOUD    {{cloud}}\n    _KEYSTONE_TOKEN_LATENCY_COUNTT  5\n", "_KEYSTONE_TOKEN_LATENCY_COUNTT is not an option of stackfsck_keystone_token_latency")]
    public void AServiceThatWouldRunItsCheckWronglyIsRefused(string from, string to, string problem)
    {
        string templates = workspace.CopyTemplates();
        string services = Path.Combine(templates, "global", "services.cfg.hbs");
        string text = File.ReadAllText(services);
        Assert.Contains(from, text);
        File.WriteAllText(services, text.Replace(from, to, StringComparison.Ordinal));

        CheckRun run = Confgen.Run("render", "-i", workspace.Inventory, "-o", workspace.Output, "-T", templates);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(problem, run.Stderr);
        Assert.False(Directory.Exists(workspace.Output));
    }
}
