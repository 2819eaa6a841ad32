namespace StackFsck.Confgen.Tests;

/// <summary>
/// A workaround that runs, rendered for Icinga 2: the service's event_command is an EventCommand
/// in the global zone running stackfsck-remedy with Icinga's runtime macros, and the real
/// <c>icinga2 daemon -C</c> accepts the master's tree without a warning.
/// </summary>
public sealed class IcingaEventCommandsTests : IDisposable
{
    private const string Master = "nagios-global.prod.example.net";
    private const string KeystoneWorkaround = "    _ROOT_CAUSE_DIAGNOSED   1\n";

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void The_workaround_service_runs_an_EventCommand_of_stackfsck_remedy_and_icinga_accepts_it()
    {
        string templates = _workspace.CopyTemplates();
        string services = Path.Combine(templates, "global/services.cfg.hbs");
        File.WriteAllText(services, File.ReadAllText(services).Replace(KeystoneWorkaround, KeystoneWorkaround
            + "    _WORKAROUND_DIAGNOSE    stackfsck_keystone_revocations!{{defaults_file}}!{{defaults_group}}!{{database}}!-vv\n"
            + "    _WORKAROUND_REMEDY      stackfsck_check_ssh\n", StringComparison.Ordinal));

        CheckRun render = Confgen.Run("render", "--engine", "icinga2", "-i", _workspace.Inventory, "-o", _workspace.Output, "-T", templates);

        Assert.True(render.ExitCode == 0, render.ToString());
        string tree = Path.Combine(_workspace.Output, Master);
        string commands = File.ReadAllText(Path.Combine(tree, "zones.d", "global-templates", "event-commands.conf"));
        Assert.Matches(@"object EventCommand ""stackfsck_remedy_OPS-1234_[0-9a-f]{8}"" \{\n  command = \[ PluginDir \+ ""/stackfsck-remedy"", ""handler"", ""--state"", ""\$service.state\$"", ""--state-type"", ""\$service.state_type\$""", commands);
        Assert.Contains("\"--tracker\", \"$service.vars.WORKAROUND_URL$\", \"--expires\", \"$service.vars.WORKAROUND_EXPIRES$\", "
            + "\"--diagnose\", \"\" + PluginDir + \"/check_keystone_revocations -t $service.vars.TIMEOUT$ --defaults-file /etc/nagios4/private/keystone.cnf", commands);
        Assert.Contains("\"--remedy\", \"\" + PluginDir + \"/check_ssh -t $service.vars.TIMEOUT$ -p $host.vars.SSH_PORT$ $address$\" ]", commands);
        Assert.Contains("macro(\"$service.vars.WORKAROUND_OPTIONS$\")", commands);
        string checkCommands = File.ReadAllText(Path.Combine(tree, "zones.d", "global-templates", "commands.conf"));
        Assert.DoesNotContain("object CheckCommand \"stackfsck_remedy_", checkCommands);
        Assert.DoesNotContain("object EventCommand", checkCommands);
        string global = File.ReadAllText(Path.Combine(tree, "zones.d", "master", "global", "services.conf"));
        Assert.Matches(@"event_command = ""stackfsck_remedy_OPS-1234_[0-9a-f]{8}""\n  enable_event_handler = true", global);

        using var prefix = Icinga2Prefix.ForTree(tree, Master);
        Assert.Empty(Icinga2Prefix.Problems(prefix.Validate()));
    }
}
