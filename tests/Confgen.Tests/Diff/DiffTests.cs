namespace StackFsck.Confgen.Tests;

public sealed class DiffTests : IDisposable
{
    private readonly Workspace workspace = new();

    public DiffTests() => Assert.Equal(0, workspace.Render().ExitCode);

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void NoChangeShowsNothing()
    {
        CheckRun run = Diff();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0 files added, 0 changed, 0 removed; 0 hosts added, 0 removed of 20", run.Stdout.Trim());
    }

    [Fact]
    public void ShowsAddedAndRemovedHostsAndFilesAndWritesNothing()
    {
        workspace.Edit("prod/cell2.yaml", "cmp202.cell2.prod.example.net, address: 10.12.1.2", "cmp203.cell2.prod.example.net, address: 10.12.1.3");
        workspace.Edit("dev/environment.yaml", "monasca: true}\n      - {name: cmp2.dev.example.net, address: 10.20.1.2, monasca: true}", "monasca: true}");
        string before = File.ReadAllText(Path.Combine(workspace.Output, "nagios-cell2.prod.example.net/environments/prod/cell2/hosts.cfg"));

        CheckRun run = Diff();

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.Trim().Split('\n');
        Assert.Contains("~ nagios-cell2.prod.example.net/environments/prod/cell2/hosts.cfg", lines);
        Assert.Contains("- monasca-agent/cmp2.dev.example.net/nagios_wrapper.yaml", lines);
        Assert.Contains("+ host cmp203.cell2.prod.example.net", lines);
        Assert.Contains("- host cmp202.cell2.prod.example.net", lines);
        Assert.Contains("- host cmp2.dev.example.net", lines);
        Assert.Equal("0 files added, 2 changed, 1 removed; 1 hosts added, 2 removed of 20", lines[^1]);
        Assert.Equal(before, File.ReadAllText(Path.Combine(workspace.Output, "nagios-cell2.prod.example.net/environments/prod/cell2/hosts.cfg")));
    }

    [Fact]
    public void RenderRemovingTooManyHostsStopsUnlessForced()
    {
        File.Delete(workspace.InventoryFile("prod/cell1.yaml"));
        workspace.Edit("prod/environment.yaml", "  - name: nagios-cell1.prod.example.net\n    class: cell\n    cells: [cell1]\n", "");
        Dictionary<string, string> before = Files();

        CheckRun refused = workspace.Render();

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("confgen: the render would remove 6 of 20 hosts (30%, more than 10%): check with 'confgen diff', then render with --force\n", refused.Stderr);
        Assert.Equal(before, Files());

        Assert.Equal(0, workspace.Render("--max-removed", "50").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(workspace.Output, "nagios-cell1.prod.example.net")));
    }

    [Fact]
    public void ForceRendersDespiteTheRemovalGuard()
    {
        File.Delete(workspace.InventoryFile("prod/cell1.yaml"));
        workspace.Edit("prod/environment.yaml", "  - name: nagios-cell1.prod.example.net\n    class: cell\n    cells: [cell1]\n", "");

        CheckRun run = workspace.Render("--force");

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("0 hosts added, 6 removed\n", run.Stdout);
    }

    private CheckRun Diff() => Confgen.Run("diff", "-i", workspace.Inventory, "-o", workspace.Output, "-T", Confgen.Templates);

    private Dictionary<string, string> Files() => Directory.GetFiles(workspace.Output, "*", SearchOption.AllDirectories)
        .ToDictionary(f => f, File.ReadAllText);
}
