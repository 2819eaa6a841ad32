namespace StackFsck.Confgen.Tests;

public sealed class MonascaTests : IDisposable
{
    private readonly Workspace workspace = new();

    public MonascaTests() => Assert.Equal(0, workspace.Render().ExitCode);

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void OnlyMonascaHostsGetAWrapperConfig()
    {
        Assert.Equal(["cmp1.dev.example.net", "cmp2.dev.example.net"],
            Directory.GetDirectories(Path.Combine(workspace.Output, "monasca-agent")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void CommandsAreExpandedAndSplitSafelyOnSpaces()
    {
        string wrapper = File.ReadAllText(Path.Combine(workspace.Output, "monasca-agent/cmp1.dev.example.net/nagios_wrapper.yaml"));

        Assert.Contains("  check_path: /usr/lib/nagios/plugins\n", wrapper);
        string command = wrapper.Split('\n').Single(l => l.StartsWith("    check_command: ", StringComparison.Ordinal))["    check_command: ".Length..];
        Assert.Equal(
            "check_nova_hypervisor -t 20 --libvirt-uri qemu:///system --host cmp1.dev.example.net "
            + "--cell-defaults-file /etc/nagios4/private/nova-dev.cnf --cell-defaults-group client --cell-database nova",
            command);
        Assert.DoesNotContain("  ", command);
        Assert.DoesNotContain("ssh", wrapper.Split('\n').Where(l => l.Contains("name:", StringComparison.Ordinal)));
    }

    [Fact]
    public void CredentialMacroOnAMonascaHostIsRefused()
    {
        workspace.Edit("dev/environment.yaml", "defaults_file: /etc/nagios4/private/nova-dev.cnf", "defaults_file: $USER7$");

        CheckRun run = workspace.Render();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("keeps a macro monasca-agent cannot expand", run.Stderr);
    }
}
