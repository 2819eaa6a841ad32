namespace StackFsck.Confgen.Tests;

public sealed class RenderTests : IDisposable
{
    private static readonly string[] Servers =
        ["nagios-cell1.prod.example.net", "nagios-cell2.prod.example.net", "nagios-global.prod.example.net", "nagios.dev.example.net"];

    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void EveryServerOfTheExamplePassesNagiosVerify()
    {
        CheckRun run = workspace.Render();
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.Equal(Servers, Directory.GetDirectories(workspace.Output, "nagios*").Select(Path.GetFileName).Order());
        foreach (string server in Servers)
        {
            (int exit, string output) = NagiosVerify.Run(Path.Combine(workspace.Output, server));
            Assert.True(exit == 0, $"{server}:\n{output}");
            Assert.Contains("Total Errors:   0", output);
            Assert.Contains("Total Warnings: 0", output);
        }
    }

    [Fact]
    public void ServersGetTheirClassesScopes()
    {
        Assert.Equal(0, workspace.Render().ExitCode);

        Assert.Equal(["global"], Scopes("nagios-global.prod.example.net", "prod"));
        Assert.Equal(["cell1"], Scopes("nagios-cell1.prod.example.net", "prod"));
        Assert.Equal(["cell1", "global"], Scopes("nagios.dev.example.net", "dev"));
        string hypervisors = File.ReadAllText(Path.Combine(workspace.Output, "nagios-cell2.prod.example.net/environments/prod/cell2/hosts.cfg"));
        Assert.Contains("host_name       cmp202.cell2.prod.example.net", hypervisors);
        Assert.DoesNotContain("cmp101", hypervisors);
    }

    [Fact]
    public void NagiosCfgLinesNameTheConfDirAndResourceFile()
    {
        Assert.Equal(0, workspace.Render("--conf-dir", "/etc/icinga/objects", "--resource-file", "/etc/icinga/resource.cfg").ExitCode);

        string[] lines = File.ReadAllLines(Path.Combine(workspace.Output, "nagios-global.prod.example.net/nagios.cfg.lines"));
        Assert.Equal(["cfg_dir=/etc/icinga/objects", "resource_file=/etc/icinga/resource.cfg", "host_down_disable_service_checks=1"],
            lines.Where(l => l.Length > 0 && !l.StartsWith('#')));
    }

    [Fact]
    public void CellWithHypervisorsButNoNovaDatabasePassesNagiosVerify()
    {
        workspace.Edit("prod/cell2.yaml", """
                databases:
                  - name: nova
                    database: nova_cell2
                    host: db1.cell2.prod.example.net
                    defaults_file: /etc/nagios4/private/nova-cell2.cnf

            """, "");

        CheckRun run = workspace.Render();

        Assert.True(run.ExitCode == 0, run.ToString());
        string server = Path.Combine(workspace.Output, "nagios-cell2.prod.example.net");
        Assert.DoesNotContain("nova_hypervisor", File.ReadAllText(Path.Combine(server, "environments/prod/cell2/dependencies.cfg")));
        (int exit, string output) = NagiosVerify.Run(server);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void ComputeQueuesAreCheckedOnEachCellBrokerAndTheSchedulerQueueOnTheTopLevelOne()
    {
        Assert.Equal(0, workspace.Render().ExitCode);

        string dev = Path.Combine(workspace.Output, "nagios.dev.example.net/environments/dev");
        string cell = File.ReadAllText(Path.Combine(dev, "cell1/services.cfg"));
        string global = File.ReadAllText(Path.Combine(dev, "global/services.cfg"));
        Assert.Matches(@"host_name\s+cond1\.dev\.example\.net\s+service_description\s+compute_queues", cell);
        Assert.DoesNotContain("scheduler", cell);
        Assert.Matches(@"host_name\s+ctl1\.dev\.example\.net\s+service_description\s+scheduler_queues\s+check_command\s+stackfsck_rabbitmq_compute_queues\s"
            + @"(.*\n)+\s+_RABBITMQ_COMPUTE_QUEUES_QUEUE\s+--queue \^scheduler\n\s+_RABBITMQ_COMPUTE_QUEUES_EXPECT\s+--expect scheduler\n", global);
        Assert.DoesNotMatch(@"service_description\s+compute_queues", global);
    }

    [Fact]
    public void SameInputGivesByteIdenticalFiles()
    {
        Assert.Equal(0, workspace.Render().ExitCode);
        Dictionary<string, byte[]> first = Snapshot(workspace.Output);
        string second = Path.Combine(workspace.Root, "second");

        Assert.Equal(0, Confgen.Run("render", "-i", workspace.Inventory, "-o", second, "-T", Confgen.Templates).ExitCode);

        Dictionary<string, byte[]> again = Snapshot(second);
        Assert.Equal(first.Keys.Order(), again.Keys.Order());
        Assert.All(first, file => Assert.Equal(file.Value, again[file.Key]));
    }

    [Fact]
    public void FailedRenderLeavesThePreviousTreeUntouched()
    {
        Assert.Equal(0, workspace.Render().ExitCode);
        Dictionary<string, byte[]> before = Snapshot(workspace.Output);
        string templates = workspace.CopyTemplates();
        File.AppendAllText(Path.Combine(templates, "cell/services.cfg.hbs"), "\ndefine service {\n    use stackfsck-service\n    host_name {{scope}}\n    check_command no_such_command\n}\n");

        CheckRun run = Confgen.Run("render", "-i", workspace.Inventory, "-o", workspace.Output, "-T", templates);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("check_command names command 'no_such_command', which is not defined", run.Stderr);
        Assert.Equal(before.Keys.Order(), Snapshot(workspace.Output).Keys.Order());
        Assert.All(Snapshot(workspace.Output), file => Assert.Equal(before[file.Key], file.Value));
        Assert.Empty(Directory.GetDirectories(workspace.Root, ".rendered.*"));
    }

    [Fact]
    public void MisspeltTemplateVariableFailsInsteadOfRenderingBlank()
    {
        string templates = workspace.CopyTemplates();
        File.AppendAllText(Path.Combine(templates, "global/services.cfg.hbs"), "# {{enviroment}}\n");

        CheckRun run = Confgen.Run("render", "-i", workspace.Inventory, "-o", workspace.Output, "-T", templates);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("templates/global/services.cfg.hbs", run.Stderr);
        Assert.Contains("enviroment", run.Stderr);
        Assert.False(Directory.Exists(workspace.Output));
    }

    [Fact]
    public void RefusesToReplaceADirectoryItDidNotRender()
    {
        Directory.CreateDirectory(workspace.Output);
        File.WriteAllText(Path.Combine(workspace.Output, "precious.cfg"), "keep me");

        CheckRun run = workspace.Render();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was not rendered by confgen", run.Stderr);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(workspace.Output, "precious.cfg")));
    }

    private IEnumerable<string> Scopes(string server, string environment) =>
        Directory.GetDirectories(Path.Combine(workspace.Output, server, "environments", environment)).Select(d => Path.GetFileName(d)!).Order();

    private static Dictionary<string, byte[]> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllBytes);
}
