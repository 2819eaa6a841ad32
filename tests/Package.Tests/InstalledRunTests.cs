using System.Text.RegularExpressions;

namespace StackFsck.Package.Tests;

/// <summary>The installed executables run as Nagios and cron run them, against the test tier's real servers.</summary>
[Collection(PackageCollection.Name)]
public partial class InstalledRunTests(InstalledPackage package)
{
    private static string MySqlAdmin => Repo.Service("STACKFSCK_MYSQL_ADMIN_CNF");

    /// <summary>One real run per check: the arguments and environment that point it at a server of the test tier.</summary>
    private static Dictionary<string, (string[] Args, Dictionary<string, string?> Environment)> RealRuns(NovaDatabases nova) => new()
    {
        ["check_rabbitmq_compute_queues"] = ([.. Broker.CommonArgs, "--allow-empty"], new() { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "guest" }),
        ["check_keystone_revocations"] = (KeystoneDatabase, []),
        ["check_keystone_accounts"] = (KeystoneDatabase, []),
        ["check_keystone_token_latency"] = (["--no-token-cache", "-n", "3"], new()
        {
            ["OS_AUTH_URL"] = KeystoneApi.Url,
            ["OS_USERNAME"] = KeystoneApi.AdminUser,
            ["OS_PASSWORD"] = KeystoneApi.AdminPassword,
            ["OS_PROJECT_NAME"] = KeystoneApi.AdminProject,
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_DOMAIN_NAME"] = "Default",
        }),
        // The databases the OpenStack tools made (tests/services/openstackdbs.sh).
        ["check_openstack_db_bloat"] = (["-f", MySqlAdmin, "-d", "tpl_nova:nova", "-d", "tpl_cinder:cinder", "-d", "tpl_glance:glance"], []),
        ["check_openstack_orphans"] = (["-f", nova.Api.ReadOnly, "-d", nova.Api.Name, "--no-neutron", "--no-cinder", "--no-placement"], []),
        ["check_openstack_quota_drift"] = (["-f", MySqlAdmin, "--cinder-database", "tpl_cinder", "--neutron-database", "tpl_neutron"], []),
        ["check_openstack_stuck"] = (["-f", nova.Api.ReadOnly, "-d", nova.Api.Name, "--no-neutron", "--no-cinder", "--no-glance"], []),
        // libvirt's built-in test driver (test:///default: its own few domains, no hypervisor).
        ["check_nova_hypervisor"] = ([.. Hypervisor, "--cinder-database", "tpl_cinder", "--no-ovs"], []),
        // The same executable under its former name, a link in the package.
        ["check_nova_zombies"] = (Hypervisor, []),
    };

    private static string[] Hypervisor => ["--libvirt-uri", "test:///default", "--skip-disks", "--host", "package-test",
        "--api-defaults-file", MySqlAdmin, "--api-database", "tpl_nova_api", "--cell-defaults-file", MySqlAdmin, "--cell-database", "tpl_nova"];

    private static string[] KeystoneDatabase => ["-f", Repo.Service("STACKFSCK_KEYSTONE_DB_CNF"), "-d", Repo.Service("STACKFSCK_KEYSTONE_DATABASE")];

    [Fact]
    public void Every_installed_check_answers_help_with_exit_3()
    {
        foreach (string check in package.Checks)
        {
            CheckRun help = InstalledPackage.Run(Path.Combine(InstalledPackage.Plugins, check), "--help");
            Assert.True(help.ExitCode == 3, $"{check}: {help}");
            Assert.Contains($"Usage:\n  {check} [options]", help.Stdout);
        }
    }

    [Fact]
    public void Every_installed_check_gives_a_verdict_from_a_real_server()
    {
        using var nova = new NovaDatabases("package");
        // The check reads every cell with the option file's user, as a monitoring user with SELECT on all of Nova's databases.
        nova.Api.GrantSelectOn(nova.Cell0);
        nova.Api.GrantSelectOn(nova.Cell1);
        var runs = RealRuns(nova);
        Assert.Equal(package.Checks, runs.Keys.Order(StringComparer.Ordinal));
        foreach ((string check, (string[] args, Dictionary<string, string?> environment)) in runs)
        {
            CheckRun run = Dist.RunProgram(Path.Combine(InstalledPackage.Plugins, check), args, environment);
            Assert.True(run.ExitCode is >= 0 and <= 2 && Verdict().IsMatch(run.FirstLine), $"{check}: {run}");
        }
    }

    [Fact]
    public void Stackfsck_alerts_runs_from_its_cron_line_as_cron_would()
    {
        Match entry = InstalledPackage.CronLine();
        string user = entry.Groups["user"].Value;
        string[] account = InstalledPackage.Run("getent", "passwd", user).Stdout.Trim().Split(':');
        Assert.True(account.Length == 7, $"the cron line's user '{user}' does not exist (nagios4-core creates it)");
        string folder = Directory.CreateTempSubdirectory("package-cron-").FullName;
        try
        {
            string prefix = "pkg" + Guid.NewGuid().ToString("N")[..10];
            string log = Path.Combine(folder, "nagios.log");
            File.WriteAllLines(log,
            [
                "[1763700001] SERVICE ALERT: cmp101.cell1.prod.example.net;nova-compute;CRITICAL;HARD;3;down",
                "[1763700003] HOST ALERT: ctl1.dev.example.net;DOWN;HARD;3;PING CRITICAL",
            ]);
            // The job's user owns its folder, as /var/lib/nagios4 is nagios'.
            Assert.Equal(0, InstalledPackage.Run("chown", "-R", user, folder).ExitCode);
            // The line as shipped, with this test's files, its StatsD and the example environment the package installs.
            string command = entry.Groups["command"].Value;
            command = Replace(command, "-i", "/usr/share/stackfsck/environments/example");
            command = Replace(command, "--log", log);
            command = Replace(command, "--state", Path.Combine(folder, "alerts.state"));
            command = Replace(command, "--statsd", StatsDAdmin.Target);
            command += " --prefix " + prefix; // the line as shipped names the default tree

            // What cron gives a job: the user's identity and home, SHELL=/bin/sh, PATH=/usr/bin:/bin, nothing else.
            CheckRun run = Dist.RunProgram("runuser", ["-u", user, "--", "env", "-i", "SHELL=/bin/sh", "PATH=/usr/bin:/bin", $"HOME={account[5]}", $"LOGNAME={user}", "/bin/sh", "-c", command],
                new Dictionary<string, string?>());

            Assert.True(run.ExitCode == 0, $"{command}: {run}");
            Assert.StartsWith("stackfsck-alerts: read 2 lines", run.Stdout);
            Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(prefix, 4);
            Assert.Equal(1, counters[$"{prefix}.prod.cell1.cell.service_alert.cmp101_cell1_prod_example_net.nova-compute.HARD.CRITICAL"]);
            Assert.Equal(1, counters[$"{prefix}.dev.global.mixed.host_alert.ctl1_dev_example_net.HARD.DOWN"]);
            Assert.True(File.Exists(Path.Combine(folder, "alerts.state")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The command with the value of one option replaced (the option must be on the line).</summary>
    private static string Replace(string command, string option, string value)
    {
        Assert.Contains($" {option} ", command);
        return Regex.Replace(command, $@"(?<= {Regex.Escape(option)} )\S+", value.Replace("$", "$$", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^[A-Z_]+ (OK|WARNING|CRITICAL) - ")]
    private static partial Regex Verdict();
}
