using System.Text.RegularExpressions;

namespace StackFsck.Confgen.Tests;

/// <summary>
/// <c>confgen render --engine icinga2</c>: every tree it writes passes the real Icinga 2's
/// <c>icinga2 daemon -C</c> in a private prefix without a single warning, in the layout
/// Icinga's distributed monitoring expects (a master with zones.d, satellites with their own
/// zones.conf); its CheckCommands follow the ITL's conventions and ship as a standalone file.
/// </summary>
public partial class Icinga2RenderTests : IDisposable
{
    private const string Master = "nagios-global.prod.example.net";
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string Tree(string server) => Path.Combine(_workspace.Output, server);

    [Fact]
    public void Every_master_tree_and_satellite_zones_conf_of_the_example_validates_without_a_warning()
    {
        CheckRun render = _workspace.Render("--engine", "icinga2");
        Assert.True(render.ExitCode == 0, render.ToString());

        foreach (string tree in Directory.GetDirectories(_workspace.Output).Where(d => File.Exists(Path.Combine(d, "zones.conf"))))
        {
            using var prefix = Icinga2Prefix.ForTree(tree, Path.GetFileName(tree));
            Assert.Empty(Icinga2Prefix.Problems(prefix.Validate()));
        }

        Assert.Equal(["cell1", "cell2", "global-templates", "master"], Directory.GetDirectories(Path.Combine(Tree(Master), "zones.d")).Select(Path.GetFileName).Order());
        Assert.Equal(["zones.conf"], Directory.GetFileSystemEntries(Tree("nagios-cell1.prod.example.net")).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(Tree("nagios.dev.example.net"), "zones.d", "master", "cell1", "hosts.conf")), "a mixed server is a master watching its cells itself");
    }

    [Fact]
    public void A_hostgroups_service_and_its_dependency_are_one_apply_rule_each_not_an_object_per_member()
    {
        Assert.Equal(0, _workspace.Render("--engine", "icinga2").ExitCode);
        string cell1 = Path.Combine(Tree(Master), "zones.d", "cell1", "cell1");
        string services = File.ReadAllText(Path.Combine(cell1, "services.conf"));
        Assert.Single(Regex.Matches(services, "^apply Service \"ssh\" \\{$", RegexOptions.Multiline));
        Assert.Contains("  assign where \"prod_cell1_hypervisor\" in host.groups\n}", services);
        Assert.DoesNotContain("object Service \"ssh\"", services);
        string dependencies = File.ReadAllText(Path.Combine(cell1, "dependencies.conf"));
        Assert.Contains("apply Dependency \"nova_hypervisor-needs-ssh\" to Service {", dependencies);
        Assert.Contains("  assign where service.name == \"nova_hypervisor\" && (\"prod_cell1_hypervisor\" in host.groups)\n}", dependencies);
    }

    [Fact]
    public void A_cell_host_lives_in_its_cell_zone_with_the_values_of_its_own_servers_templates()
    {
        Assert.Equal(0, _workspace.Render("--engine", "icinga2").ExitCode);
        string hosts = File.ReadAllText(Path.Combine(Tree(Master), "zones.d", "cell1", "cell1", "hosts.conf"));
        string cmp101 = hosts[hosts.IndexOf("object Host \"cmp101.cell1.prod.example.net\"", StringComparison.Ordinal)..];
        // The global zone's template (the master's render) says "global"; the cell server's hosts say "cell" themselves.
        Assert.Contains("vars.SERVER_CLASS = \"cell\"", cmp101[..cmp101.IndexOf('}')]);
        Assert.DoesNotContain("object Host \"cmp101.cell1.prod.example.net\"", File.ReadAllText(Path.Combine(Tree(Master), "zones.d", "master", "global", "hosts.conf")));
    }

    [Fact]
    public void Every_argument_of_a_CheckCommand_is_a_variable_named_after_its_check_and_every_service_sets_the_required_ones()
    {
        Assert.Equal(0, _workspace.Render("--engine", "icinga2").ExitCode);
        string commands = File.ReadAllText(Path.Combine(Tree(Master), "zones.d", "global-templates", "commands.conf"));
        List<string> objects = Directory.GetFiles(Path.Combine(Tree(Master), "zones.d"), "*.conf", SearchOption.AllDirectories)
            .SelectMany(file => Block().Matches(File.ReadAllText(file)).Select(m => m.Value)).ToList();
        foreach (Match command in CheckCommand().Matches(commands))
        {
            string name = command.Groups["name"].Value;
            string body = command.Groups["body"].Value;
            string check = Plugin().Match(body).Groups["check"].Value;
            List<string> users = objects.Where(o => o.Contains($"check_command = \"{name}\"", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(Argument().Matches(body));
            foreach (Match argument in Argument().Matches(body))
            {
                string variable = argument.Groups["variable"].Value;
                Assert.StartsWith(check.Replace("check_", "", StringComparison.Ordinal).Replace('-', '_') + "_", variable);
                if (argument.Value.Contains("required = true", StringComparison.Ordinal))
                {
                    Assert.All(users, user => Assert.Contains($"vars.{variable} = ", user));
                }
                else
                {
                    // A fixed argument has its value as the default; an optional one is an option the check describes, left out unless set.
                    Assert.True(body.Contains($"vars.{variable} = ", StringComparison.Ordinal) || argument.Value.Contains("description = ", StringComparison.Ordinal),
                        $"{variable} of {name} has no default, is not required and is no option of {check}");
                }
            }
        }
    }

    [Fact]
    public void Every_check_has_a_CheckCommand_and_the_standalone_file_is_the_rendered_one()
    {
        Assert.Equal(0, _workspace.Render("--engine", "icinga2").ExitCode);
        string commands = File.ReadAllText(Path.Combine(Tree(Master), "zones.d", "global-templates", "commands.conf"));
        // What a check installs into dist/: the check folders' executables, and any links beside them there.
        IEnumerable<string> executables = Directory.GetDirectories(Path.Combine(Repo.Root, "checks"), "check_*").Select(Path.GetFileName)
            .Concat(Directory.Exists(Dist.Directory) ? Directory.GetFiles(Dist.Directory, "check_*").Select(Path.GetFileName) : [])
            .OfType<string>().Distinct();
        foreach (string executable in executables)
        {
            Assert.Contains($"command = [ PluginDir + \"/{executable}\" ]", commands);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "icinga2", "stackfsck-commands.conf")), commands);
    }

    [Fact]
    public void A_broken_inventory_is_refused_by_confgen_before_icinga_sees_it()
    {
        _workspace.Edit("prod/cell1.yaml", "cmp102.cell1.prod.example.net", "cmp101.cell1.prod.example.net");
        CheckRun render = _workspace.Render("--engine", "icinga2");
        Assert.Equal(1, render.ExitCode);
        Assert.Contains("duplicate host 'cmp101.cell1.prod.example.net'", render.Stderr);
        Assert.False(Directory.Exists(_workspace.Output));
    }

    [Fact]
    public void Two_masters_in_one_environment_are_refused_by_confgen()
    {
        _workspace.Edit("prod/environment.yaml", "  - name: nagios-cell1.prod.example.net\n    class: cell\n    cells: [cell1]\n",
            "  - name: nagios-cell1.prod.example.net\n    class: cell\n    cells: [cell1]\n  - {name: nagios-global2.prod.example.net, class: global}\n");
        CheckRun render = _workspace.Render("--engine", "icinga2");
        Assert.Equal(1, render.ExitCode);
        Assert.Contains("environment 'prod' has 2 global or mixed servers; --engine icinga2 renders one master zone per environment", render.Stderr);
    }

    [Fact]
    public void The_mass_removal_guard_and_diff_count_the_hosts_of_an_icinga_tree()
    {
        Assert.Equal(0, _workspace.Render("--engine", "icinga2").ExitCode);
        File.Delete(_workspace.InventoryFile("prod/cell1.yaml"));
        _workspace.Edit("prod/environment.yaml", "  - name: nagios-cell1.prod.example.net\n    class: cell\n    cells: [cell1]\n", "");
        CheckRun refused = _workspace.Render("--engine", "icinga2");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("confgen: the render would remove 6 of 20 hosts (30%, more than 10%): check with 'confgen diff', then render with --force\n", refused.Stderr);
        CheckRun diff = Confgen.Run("diff", "--engine", "icinga2", "-i", _workspace.Inventory, "-o", _workspace.Output, "-T", Confgen.Templates);
        Assert.Contains("- host cmp101.cell1.prod.example.net", diff.Stdout);
    }

    [GeneratedRegex(@"^object CheckCommand ""(?<name>[^""]+)"" \{\n(?<body>(?:.*\n)*?)\}$", RegexOptions.Multiline)]
    private static partial Regex CheckCommand();

    [GeneratedRegex(@"    ""[^""]+"" = \{\n      (?:value|set_if) = ""\$(?<variable>[A-Za-z0-9_]+)\$""\n(?:      .*\n)*?    \}")]
    private static partial Regex Argument();

    // A check, or stackfsck-remedy for a built-in repair the catalog offers as a workaround's remedy.
    [GeneratedRegex(@"command = \[ PluginDir \+ ""/(?<check>check_[a-z_]+|stackfsck-remedy)"" \]")]
    private static partial Regex Plugin();

    [GeneratedRegex(@"^(?:object|template|apply) [A-Za-z]+ ""[^""]+""(?: to [A-Za-z]+)? \{\n(?:.*\n)*?\}$", RegexOptions.Multiline)]
    private static partial Regex Block();
}
