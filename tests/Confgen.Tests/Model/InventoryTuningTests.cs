namespace StackFsck.Confgen.Tests.Model;

/// <summary>Check settings from the inventory's vars (SERVICE_OPTION): the nearest of host, scope and environment wins.</summary>
public sealed class InventoryTuningTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void TheNearestSettingWinsAndNagiosAcceptsTheResult()
    {
        workspace.Edit("prod/environment.yaml", "contacts:", "vars: {compute_queues_warning: 80, keystone_revocations_warning: 6000}\ncontacts:");
        workspace.Edit("prod/cell1.yaml", "  cell1:\n", "  cell1:\n    vars: {compute_queues_warning: 50, compute_queues_timeout: 30}\n");
        workspace.Edit("prod/environment.yaml", "roles: [database]", "roles: [database]\n      vars: {keystone_revocations_warning: 7000}");

        CheckRun run = workspace.Render();

        Assert.True(run.ExitCode == 0, run.ToString());
        string cell1 = Services("nagios-cell1.prod.example.net/environments/prod/cell1");
        Assert.Contains("    _RABBITMQ_COMPUTE_QUEUES_WARNING  -w 50\n", cell1);
        Assert.Contains("    _TIMEOUT                30\n", cell1);
        Assert.Contains("    _RABBITMQ_COMPUTE_QUEUES_WARNING  -w 80\n", Services("nagios-cell2.prod.example.net/environments/prod/cell2"));
        Assert.Contains("    _KEYSTONE_REVOCATIONS_WARNING           -w 7000\n", Services("nagios-global.prod.example.net/environments/prod/global"));
        foreach (string server in Directory.GetDirectories(workspace.Output, "nagios*"))
        {
            (int exit, string output) = NagiosVerify.Run(server);
            Assert.True(exit == 0, $"{server}:\n{output}");
        }
    }

    [Fact]
    public void ASettingNoServiceTakesIsRefusedWhereItIsWritten()
    {
        workspace.Edit("prod/cell1.yaml", "  cell1:\n", "  cell1:\n    vars: {compute_queue_warning: 50}\n");

        CheckRun run = workspace.Render();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell1.yaml:5: 'compute_queue_warning' sets no option of a service here", run.Stderr);
    }

    private string Services(string scope) => File.ReadAllText(Path.Combine(workspace.Output, scope, "services.cfg"));
}
