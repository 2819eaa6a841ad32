namespace StackFsck.Confgen.Tests;

/// <summary>
/// A workaround that names its diagnostics and remedy gets an event handler running
/// stackfsck-remedy, rendered from the model and accepted by the real <c>nagios4 -v</c>.
/// </summary>
public sealed class EventHandlersTests : IDisposable
{
    private const string Global = "nagios-global.prod.example.net";
    private const string KeystoneWorkaround = "    _ROOT_CAUSE_DIAGNOSED   1\n";

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void The_service_runs_stackfsck_remedy_with_both_command_lines_and_nagios_accepts_the_tree()
    {
        CheckRun run = RenderWith(KeystoneWorkaround
            + "    _WORKAROUND_DIAGNOSE    stackfsck_keystone_revocations!{{defaults_file}}!{{defaults_group}}!{{database}}!-vv\n"
            + "    _WORKAROUND_REMEDY      stackfsck_check_nrpe!prune_revocations\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        string services = File.ReadAllText(Path.Combine(_workspace.Output, Global, "environments/prod/global/services.cfg"));
        string handler = System.Text.RegularExpressions.Regex.Match(services, @"event_handler\s+(stackfsck_remedy_OPS-1234_[0-9a-f]{8})\n").Groups[1].Value;
        Assert.NotEmpty(handler);
        Assert.Contains("event_handler_enabled   1", services);
        string commands = File.ReadAllText(Path.Combine(_workspace.Output, Global, "common/stackfsck-remedy.cfg"));
        Assert.Contains($"command_name    {handler}\n", commands);
        Assert.Contains("command_line    $USER1$/stackfsck-remedy handler --state $SERVICESTATE$ --state-type $SERVICESTATETYPE$ --attempt $SERVICEATTEMPT$ "
            + "--host $HOSTNAME$ --service '$SERVICEDESC$' --environment $_HOSTENVIRONMENT$ --cell $_HOSTCELL$ "
            + "--tracker '$_SERVICEWORKAROUND_URL$' --expires $_SERVICEWORKAROUND_EXPIRES$ "
            + "--diagnose '$USER1$/check_keystone_revocations -t $_SERVICETIMEOUT$ --defaults-file /etc/nagios4/private/keystone.cnf", commands);
        Assert.Contains("--database keystone -vv' --remedy '$USER1$/check_nrpe -H $HOSTADDRESS$ -t $_SERVICETIMEOUT$ -c prune_revocations' $_SERVICEWORKAROUND_OPTIONS$\n", commands);

        (int exit, string output) = NagiosVerify.Run(Path.Combine(_workspace.Output, Global));
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void A_command_that_does_not_exist_is_a_render_error_naming_the_service()
    {
        CheckRun run = RenderWith(KeystoneWorkaround + "    _WORKAROUND_DIAGNOSE    no_such_command\n    _WORKAROUND_REMEDY      stackfsck_check_ssh\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("_WORKAROUND_DIAGNOSE names no command of this configuration: 'no_such_command'", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_remedy_without_diagnostics_is_refused()
    {
        CheckRun run = RenderWith(KeystoneWorkaround + "    _WORKAROUND_REMEDY      stackfsck_check_ssh\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a workaround that runs needs both _WORKAROUND_DIAGNOSE (diagnostics, always first) and _WORKAROUND_REMEDY", run.Stderr);
    }

    /// <summary>Renders the example with the keystone_revocations workaround's variables replaced by <paramref name="variables"/>.</summary>
    private CheckRun RenderWith(string variables)
    {
        string templates = _workspace.CopyTemplates();
        string services = Path.Combine(templates, "global/services.cfg.hbs");
        string text = File.ReadAllText(services);
        Assert.Contains(KeystoneWorkaround, text);
        File.WriteAllText(services, text.Replace(KeystoneWorkaround, variables, StringComparison.Ordinal));
        return Confgen.Run("render", "-i", _workspace.Inventory, "-o", _workspace.Output, "-T", templates);
    }
}
