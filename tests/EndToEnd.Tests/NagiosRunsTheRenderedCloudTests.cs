using System.Diagnostics;
using System.Globalization;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// The whole path an operator relies on: an inventory laid out as the example (a mixed server, a
/// top-level broker and a cell broker, a keystone database, two hypervisors) but pointing at the
/// test tier on 127.0.0.1; confgen renders it; a real nagios4 runs it with the test tier's real
/// RabbitMQ and MariaDB; `confgen alerts send` takes what nagios logged to a real StatsD.
/// </summary>
public sealed class NagiosRunsTheRenderedCloudTests : IAsyncLifetime
{
    private const string Dead = "cmp2.e2e.test";

    private readonly string work = Directory.CreateTempSubdirectory("stackfsck-e2e-").FullName;
    private Broker? top;
    private Broker? cell;
    private ScratchDatabase? keystone;

    public async Task InitializeAsync()
    {
        // nagios4 drops to the nagios user, which must read the tree and write its log here.
        File.SetUnixFileMode(work, (UnixFileMode)0b111_111_111);
        top = await Broker.CreateAsync();
        cell = await Broker.CreateAsync();
        keystone = new ScratchDatabase("e2e_keystone", "keystone");
    }

    public async Task DisposeAsync()
    {
        keystone?.Dispose();
        await (cell?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (top?.DisposeAsync() ?? ValueTask.CompletedTask);
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task Provoked_problems_alert_and_reach_StatsD_and_a_dead_hypervisor_is_one_host_problem()
    {
        // The problems: a compute queue holding messages nobody consumes, revocation events past the
        // rendered warning (5000), and no scheduler queue on the top-level broker.
        await cell!.DeclareAsync("compute.cmp1", 5);
        keystone!.Execute("INSERT INTO revocation_event (user_id, issued_before, revoked_at) SELECT 'u', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_1_to_5001");
        string inventory = WriteInventory();
        CheckRun render = Run("render", "-i", inventory, "-T", Path.Combine(Repo.Root, "templates"), "-o", Path.Combine(work, "rendered"));
        Assert.True(render.ExitCode == 0, render.ToString());

        var clock = Stopwatch.StartNew();
        string[] log;
        using (var nagios = new NagiosDaemon(work, Path.Combine(work, "rendered", "nagios.e2e.test"), Plugins()))
        {
            // The dead hypervisor's services would go HARD 4 "minutes" (8 s) after their first
            // failure if its host check did not win: keep watching well past that.
            log = nagios.WaitFor(
                lines => clock.Elapsed > TimeSpan.FromSeconds(20) && Expected.All(e => lines.Any(l => l.Contains(e, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(120));
        }

        string text = string.Join('\n', log);
        Assert.All(Expected, e => Assert.True(text.Contains(e, StringComparison.Ordinal), $"no '{e}' in nagios.log:\n{text}"));
        Assert.Single(log, l => l.Contains($"HOST ALERT: {Dead};DOWN;HARD", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains($"SERVICE NOTIFICATION: e2e-ops;{Dead};", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains($"SERVICE ALERT: {Dead};", StringComparison.Ordinal) && l.Contains(";HARD;", StringComparison.Ordinal)
            && !l.Contains(";OK;", StringComparison.Ordinal));

        string prefix = "e2e" + Guid.NewGuid().ToString("N")[..10];
        CheckRun send = Run("alerts", "send", "-i", inventory, "--log", Path.Combine(work, "nagios.log"), "--state", Path.Combine(work, "alerts.state"),
            "--statsd", StatsDAdmin.Target, "--prefix", prefix);
        Assert.True(send.ExitCode == 0, send.ToString());
        Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(prefix, 4);
        string all = string.Join('\n', counters.Select(c => $"{c.Key}={c.Value}"));
        Assert.True(counters.GetValueOrDefault($"{prefix}.e2e.cell1.mixed.service_alert.cond1_e2e_test.compute_queues.HARD.WARNING") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{prefix}.e2e.global.mixed.service_alert.ctl1_e2e_test.keystone_revocations.HARD.WARNING") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{prefix}.e2e.global.mixed.service_alert.ctl1_e2e_test.scheduler_queues.HARD.CRITICAL") >= 1, all);
        Assert.Equal(1, counters.GetValueOrDefault($"{prefix}.e2e.cell1.mixed.host_alert.cmp2_e2e_test.HARD.DOWN"));
        Assert.DoesNotContain(counters.Keys, k => k.Contains(".service_alert.cmp2_e2e_test.", StringComparison.Ordinal)
            || k.Contains(".service_notification.cmp2_e2e_test.", StringComparison.Ordinal));
    }

    /// <summary>What must reach nagios.log: the three provoked service problems HARD, the dead hypervisor HARD DOWN and notified once.</summary>
    private static readonly string[] Expected =
    [
        "SERVICE ALERT: cond1.e2e.test;compute_queues;WARNING;HARD;",
        "SERVICE ALERT: ctl1.e2e.test;keystone_revocations;WARNING;HARD;",
        "SERVICE ALERT: ctl1.e2e.test;scheduler_queues;CRITICAL;HARD;",
        "COMPUTE_QUEUES CRITICAL - no queue scheduler: is nova-scheduler running?",
        $"HOST ALERT: {Dead};DOWN;HARD;",
        $"HOST NOTIFICATION: e2e-ops;{Dead};DOWN;",
    ];

    /// <summary>
    /// The example's shape on the test tier: the hypervisors' "ssh" port is MariaDB's, which listens
    /// on 127.0.0.1 only, so cmp1 answers and cmp2 (127.0.0.9: nothing listens there) is dead.
    /// </summary>
    private string WriteInventory()
    {
        string rabbitmq = Path.Combine(work, "rabbitmq.ini");
        File.WriteAllText(rabbitmq, "username=guest\npassword=guest\n");
        string credentials = NagiosOwned(rabbitmq);
        string keystoneOptions = NagiosOwned(keystone!.ReadOnly);
        string port = Broker.Api.Port.ToString(CultureInfo.InvariantCulture);
        string folder = Directory.CreateDirectory(Path.Combine(work, "inventory")).FullName;
        File.WriteAllText(Path.Combine(folder, "e2e.yaml"), $$"""
            environment: e2e
            servers:
              - {name: nagios.e2e.test, class: mixed}
            contacts:
              - {name: e2e-ops, email: ops@e2e.test}
            global:
              hosts:
                - {name: ctl1.e2e.test, address: 127.0.0.1, roles: [keystone, rabbitmq, database]}
              rabbitmq:
                - {host: ctl1.e2e.test, port: {{port}}, vhost: {{top!.Vhost}}, credentials_file: {{credentials}} }
              databases:
                - {name: keystone, database: {{keystone!.Name}}, host: ctl1.e2e.test, defaults_file: {{keystoneOptions}} }
            cells:
              cell1:
                hosts:
                  - {name: cond1.e2e.test, address: 127.0.0.1, roles: [nova-conductor, rabbitmq]}
                rabbitmq:
                  - {host: cond1.e2e.test, port: {{port}}, vhost: {{cell!.Vhost}}, credentials_file: {{credentials}} }
                hypervisors:
                  - {name: cmp1.e2e.test, address: 127.0.0.1, vars: {SSH_PORT: {{ScratchDatabase.Port}} } }
                  - {name: {{Dead}}, address: 127.0.0.9, vars: {SSH_PORT: {{ScratchDatabase.Port}} } }

            """);
        return folder;
    }

    /// <summary>
    /// A copy of a credentials file as a monitoring server keeps it: owned by the nagios user that
    /// runs the checks, mode 0600 (the checks warn about one others can read).
    /// </summary>
    private string NagiosOwned(string source)
    {
        string copy = Path.Combine(Directory.CreateDirectory(Path.Combine(work, "private")).FullName, Path.GetFileName(source));
        CheckRun install = Dist.RunProgram("install", ["-o", "nagios", "-g", "nagios", "-m", "0600", source, copy], new Dictionary<string, string?>());
        Assert.True(install.ExitCode == 0, install.ToString());
        return copy;
    }

    /// <summary>$USER1$: the checks built for this run, and the monitoring-plugins the templates use beside them.</summary>
    private string Plugins()
    {
        string plugins = Directory.CreateDirectory(Path.Combine(work, "plugins")).FullName;
        foreach (string check in Directory.GetFiles(Repo.Service("STACKFSCK_DIST"), "check_*"))
        {
            File.Copy(check, Path.Combine(plugins, Path.GetFileName(check)));
        }

        foreach (string plugin in new[] { "check_tcp", "check_ssh", "check_ping" })
        {
            File.CreateSymbolicLink(Path.Combine(plugins, plugin), Path.Combine("/usr/lib/nagios/plugins", plugin));
        }

        return plugins;
    }

    private static CheckRun Run(params string[] args) =>
        Dist.RunProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, "confgen.dll"), .. args], new Dictionary<string, string?>());
}
