using System.Text.RegularExpressions;
using StackFsck.Tests.Zombies;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// The example's workaround that uses a built-in repair: confgen renders environments/example, and
/// the remedy of the nova_hypervisor handler (stackfsck_repair_zombie_domain) runs through /bin/sh
/// as stackfsck-remedy runs it, with Nagios' macros expanded for a hypervisor and the example's
/// places swapped for the test's (the hypervisor a test-driver node file instead of qemu+ssh, the
/// cell database and its option file a nova-manage-made copy): it prints the plan, a dry run.
/// </summary>
public sealed partial class ExampleZombieDomainWorkaroundTests : IDisposable
{
    private const string Host = "cmp101";
    private readonly NovaDatabases _nova = new("examplerepair");
    private readonly string _work = Directory.CreateTempSubdirectory("stackfsck-e2e-example-repair-").FullName;

    public void Dispose()
    {
        _nova.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void The_rendered_remedy_prints_the_plan_of_the_zombie_domains_and_changes_nothing()
    {
        Guid zombie = Guid.NewGuid(), live = Guid.NewGuid();
        _nova.Cell1.Execute("INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state) VALUES " +
            $"('{zombie}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 3 HOUR, 'deleted'), ('{live}', '{Host}', 0, NULL, 'active'); " +
            "UPDATE instances SET deleted = id WHERE deleted = 1");
        string uri = TestHypervisor.Write(_work, (zombie, "instance-00000001", TestHypervisor.Running), (live, "instance-00000002", TestHypervisor.Running));
        string rendered = Path.Combine(_work, "rendered");
        CheckRun render = TestCloud.Confgen("render", "-i", Path.Combine(Repo.Root, "environments", "example"), "-T", Path.Combine(Repo.Root, "templates"), "-o", rendered);
        Assert.True(render.ExitCode == 0, render.ToString());

        string handlers = File.ReadAllText(Path.Combine(rendered, "nagios-cell1.prod.example.net", "common", "stackfsck-remedy.cfg"));
        string remedy = Remedy().Match(handlers).Groups["line"].Value;
        Assert.StartsWith("$USER1$/stackfsck-remedy zombie-domain --host $_HOSTNOVA_HOST$ --libvirt-uri qemu+ssh://$HOSTADDRESS$/system ", remedy);
        string line = remedy.Replace("$USER1$", Path.GetDirectoryName(Dist.PathOf("stackfsck-remedy")), StringComparison.Ordinal)
            .Replace("$_HOSTNOVA_HOST$", Host, StringComparison.Ordinal)
            .Replace("qemu+ssh://$HOSTADDRESS$/system", uri, StringComparison.Ordinal)
            .Replace("/etc/nagios4/private/nova-cell1.cnf", _nova.Cell1.ReadOnly, StringComparison.Ordinal)
            .Replace("--cell-database nova_cell1", $"--cell-database {_nova.Cell1.Name}", StringComparison.Ordinal);
        Assert.DoesNotContain("$", line);

        CheckRun run = Dist.RunProgram("/bin/sh", ["-c", line], new Dictionary<string, string?>());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"  instance-00000001 {zombie} (running, deleted in Nova at ", run.Stdout);
        Assert.DoesNotContain(live.ToString(), run.Stdout);
        Assert.Contains("dry run: nothing was destroyed; add --apply to act", run.Stdout);
    }

    /// <summary>The remedy's command line in the handler of the nova_hypervisor workaround (OPS-2345).</summary>
    [GeneratedRegex(@"command_name\s+stackfsck_remedy_OPS-2345_\w+\n\s+command_line .* --remedy '(?<line>[^']*)'")]
    private static partial Regex Remedy();
}
