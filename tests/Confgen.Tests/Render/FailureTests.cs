using System.Diagnostics;

namespace StackFsck.Confgen.Tests;

/// <summary>confgen as a process on broken input and after killed renders: one line, exit 1, and no tree ever lost, mixed or left lying around.</summary>
public sealed class FailureTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Cell1 => workspace.InventoryFile("prod/cell1.yaml");

    [Fact]
    public void An_unclosed_bracket_is_one_line_naming_file_line_and_column()
    {
        workspace.Edit("prod/cell1.yaml", "roles: [rabbitmq]", "roles: [rabbitmq");

        CheckRun run = Confgen.Run("inventory", "-i", workspace.Inventory);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"^confgen: {Escaped(Cell1)}:\d+:\d+: [^\n]+\n$", run.Stderr);
    }

    [Fact]
    public void Alerts_send_from_cron_on_a_broken_inventory_is_one_line_and_exit_1()
    {
        workspace.Edit("prod/cell1.yaml", "roles: [rabbitmq]", "roles: [rabbitmq");
        string log = Path.Combine(workspace.Root, "nagios.log");
        File.WriteAllText(log, "[1763700000] SERVICE ALERT: cmp101.cell1.prod.example.net;nova-compute;CRITICAL;HARD;3;down\n");

        CheckRun run = Confgen.Run("alerts", "send", "-i", workspace.Inventory, "--log", log, "--state", Path.Combine(workspace.Root, "state"), "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"^confgen: {Escaped(Cell1)}:\d+:\d+: [^\n]+\n$", run.Stderr);
    }

    [Fact]
    public void Nesting_deep_enough_to_overflow_the_parser_is_refused_in_one_line()
    {
        workspace.Write("prod/deep.yaml", "environment: prod\ncells: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        CheckRun run = Confgen.Run("inventory", "-i", workspace.Inventory);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^confgen: .*/prod/deep\.yaml:2:\d+: nested more than 64 levels deep\n$", run.Stderr);
    }

    [Fact]
    public void A_value_holding_a_newline_stays_on_one_line()
    {
        workspace.Edit("prod/cell1.yaml", "roles: [rabbitmq]", "roles: [\"rabbit\\nmq\"]");

        CheckRun run = Confgen.Run("inventory", "-i", workspace.Inventory);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"confgen: {Cell1}:11: role name 'rabbit\\x0amq' may hold only a-z, 0-9, _ and - (it becomes part of hostgroup and metric names)\n", run.Stderr);
    }

    [Fact]
    public void A_template_naming_an_undefined_command_is_one_line_with_the_rendered_file_and_line()
    {
        string templates = workspace.CopyTemplates();
        string services = Path.Combine(templates, "cell", "services.cfg.hbs");
        File.WriteAllText(services, File.ReadAllText(services).Replace("stackfsck_check_ssh\n", "stackfsck_check_sshx\n", StringComparison.Ordinal));

        CheckRun run = Confgen.Run("render", "-i", workspace.Inventory, "-o", workspace.Output, "-T", templates);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^confgen: nagios[^ ]*/services\.cfg:\d+: check_command names command 'stackfsck_check_sshx', which is not defined( \(and \d+ more problem\(s\) in the configuration rendered for [^ )]+\))?\n$", run.Stderr);
    }

    [Fact]
    public void A_render_killed_at_the_swap_leaves_the_old_tree_and_the_next_render_removes_what_it_left()
    {
        Assert.Equal(0, workspace.Render().ExitCode);
        string marker = Path.Combine(workspace.Output, "marker-of-the-first-render");
        File.WriteAllText(marker, "");

        CheckRun killed = Dist.RunProgram("strace", ["-f", "-qq", "-o", "/dev/null", "-e", "trace=renameat2", "-e", "inject=renameat2:signal=KILL:when=1",
            "dotnet", Path.Combine(AppContext.BaseDirectory, "confgen.dll"), "render", "-i", workspace.Inventory, "-o", workspace.Output, "-T", Confgen.Templates], new Dictionary<string, string?>());

        Assert.True(killed.ExitCode == 137, killed.ToString());
        Assert.True(File.Exists(marker), "the killed render changed the tree");
        Assert.Single(Directory.GetDirectories(workspace.Root, ".rendered.new-*"));
        Assert.Equal(0, workspace.Render().ExitCode);
        Assert.Empty(Directory.GetDirectories(workspace.Root, ".rendered.*"));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Leftovers_of_dead_renders_go_those_of_running_ones_stay_and_a_tree_moved_aside_comes_back()
    {
        Assert.Equal(0, workspace.Render().ExitCode);
        int dead = DeadPid();
        Directory.Move(workspace.Output, Path.Combine(workspace.Root, $".rendered.old-{dead}")); // killed between the fallback's two renames
        Directory.CreateDirectory(Path.Combine(workspace.Root, $".rendered.new-{dead}", "half"));
        string running = Path.Combine(workspace.Root, $".rendered.new-{Environment.ProcessId}");
        Directory.CreateDirectory(running);

        CheckRun run = workspace.Render("--max-removed", "0");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("0 hosts added, 0 removed", run.Stdout);
        Assert.Equal([running], Directory.GetDirectories(workspace.Root, ".rendered.*"));
    }

    private static int DeadPid()
    {
        using Process gone = Process.Start("true")!;
        gone.WaitForExit();
        return gone.Id;
    }

    private static string Escaped(string path) => System.Text.RegularExpressions.Regex.Escape(path);
}
