using System.Text;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Tests;

/// <summary>
/// A dead hypervisor is one incident: service alerts logged while their host is DOWN or
/// UNREACHABLE count under the host (service_alert_host_down), not as service problems, in one
/// run, across the parallel parts of a backlog, and across runs.
/// </summary>
public sealed class HostIncidentTests : IDisposable
{
    private const string Host = "cmp101.cell1.prod.example.net";

    private readonly LogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string[] DeadHypervisor =
    [
        $"[1763700000] SERVICE ALERT: {Host};ssh;CRITICAL;SOFT;1;connection refused",
        $"[1763700060] HOST ALERT: {Host};DOWN;SOFT;1;connection refused",
        $"[1763700120] HOST ALERT: {Host};DOWN;HARD;2;connection refused",
        $"[1763700121] HOST NOTIFICATION: ops;{Host};DOWN;notify-host;connection refused",
        $"[1763700180] SERVICE ALERT: {Host};ssh;CRITICAL;HARD;1;connection refused",
        $"[1763700181] SERVICE ALERT: {Host};nova_zombies;UNKNOWN;HARD;1;cannot reach libvirt",
        $"[1763700182] SERVICE ALERT: {Host};libvirtd_process;CRITICAL;HARD;1;nrpe refused",
        $"[1763700600] HOST ALERT: {Host};UP;HARD;1;TCP OK",
        $"[1763700660] SERVICE ALERT: {Host};ssh;OK;HARD;1;SSH OK",
        $"[1763700900] SERVICE ALERT: {Host};libvirtd_process;CRITICAL;HARD;4;libvirtd not running",
    ];

    [Fact]
    public void Service_alerts_while_the_host_is_hard_down_count_under_the_host()
    {
        var counter = new AlertCounter(includeSoft: false);
        Feed(counter, DeadHypervisor);

        Assert.Equal(Expected, Counted(counter));
        Assert.Empty(counter.HostsDown);
    }

    [Fact]
    public void A_soft_host_down_counts_too_as_nagios_then_holds_the_services_notifications()
    {
        var counter = new AlertCounter(includeSoft: false);
        Feed(counter,
            $"[1763700060] SERVICE ALERT: {Host};ssh;CRITICAL;HARD;4;timeout",
            $"[1763700061] HOST ALERT: {Host};DOWN;SOFT;1;timeout",
            $"[1763700062] SERVICE ALERT: {Host};libvirtd_process;CRITICAL;HARD;4;timeout",
            $"[1763700063] HOST ALERT: {Host};UP;SOFT;2;TCP OK",
            $"[1763700064] SERVICE ALERT: {Host};instances_disk;CRITICAL;HARD;4;full",
            $"[1763700065] HOST ALERT: {Host};UNREACHABLE;HARD;2;parent down");

        Assert.Equal(1, Count(counter, EventKind.ServiceAlert, "ssh", "CRITICAL"));
        Assert.Equal(1, Count(counter, EventKind.ServiceAlertHostDown, "libvirtd_process", "CRITICAL"));
        Assert.Equal(1, Count(counter, EventKind.ServiceAlert, "instances_disk", "CRITICAL"));
        Assert.Equal(new[] { Host }, counter.HostsDown);
    }

    [Fact]
    public void Parts_of_a_backlog_give_the_same_counts_as_one_pass_whatever_order_they_finish_in()
    {
        // Cut between the host going down and its services' alerts: the second part alone cannot know.
        foreach (int cut in Enumerable.Range(1, DeadHypervisor.Length - 1))
        {
            var counter = new AlertCounter(includeSoft: false);
            var parts = new List<AlertCounter>();
            Func<Reading.LineHandler> next = counter.PerPart(parts);
            Reading.LineHandler first = next(), second = next();
            Feed(second, DeadHypervisor[cut..]);
            Feed(first, DeadHypervisor[..cut]);
            counter.Gather(parts);

            Assert.Equal(Expected, Counted(counter));
        }
    }

    [Fact]
    public void A_host_that_went_down_in_the_previous_run_still_owns_its_service_alerts()
    {
        var before = new AlertCounter(includeSoft: false);
        Feed(before, DeadHypervisor[..4]);
        string saved = Path.Combine(_folder.Root, "alerts.state.hosts");
        HostStates.Save(saved, before.HostsDown);

        var after = new AlertCounter(includeSoft: false, hostsDown: HostStates.Load(saved));
        Feed(after, DeadHypervisor[4..]);

        Assert.Equal(new[] { Host }, HostStates.Load(saved));
        Assert.Equal(3, after.Counts().Where(c => c.Key.Kind == EventKind.ServiceAlertHostDown).Sum(c => c.Count));
        Assert.Equal(1, Count(after, EventKind.ServiceAlert, "libvirtd_process", "CRITICAL"));
    }

    [Fact]
    public void Send_names_them_service_alert_host_down_and_keeps_the_host_state_for_the_next_run()
    {
        _folder.Append(DeadHypervisor[..4]);
        CheckRun first = Send();
        _folder.Append(DeadHypervisor[4..7]);
        CheckRun second = Send();

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Contains("stackfsck.prod.cell1.cell.host_alert.cmp101_cell1_prod_example_net.HARD.DOWN:1|c", first.Stdout);
        string[] lines = second.Stdout.Split('\n');
        Assert.Contains("stackfsck.prod.cell1.cell.service_alert_host_down.cmp101_cell1_prod_example_net.nova_zombies.HARD.UNKNOWN:1|c", lines);
        Assert.DoesNotContain(lines, l => l.Contains(".service_alert.", StringComparison.Ordinal));
    }

    /// <summary>What the dead hypervisor's log counts to: one host incident, its service alerts under it, and one real service problem after.</summary>
    private static readonly Dictionary<(EventKind, string, string), long> Expected = new()
    {
        [(EventKind.HostAlert, "", "DOWN")] = 1,
        [(EventKind.HostNotification, "", "DOWN")] = 1,
        [(EventKind.ServiceAlertHostDown, "ssh", "CRITICAL")] = 1,
        [(EventKind.ServiceAlertHostDown, "nova_zombies", "UNKNOWN")] = 1,
        [(EventKind.ServiceAlertHostDown, "libvirtd_process", "CRITICAL")] = 1,
        [(EventKind.HostAlert, "", "UP")] = 1,
        [(EventKind.ServiceAlert, "ssh", "OK")] = 1,
        [(EventKind.ServiceAlert, "libvirtd_process", "CRITICAL")] = 1,
    };

    /// <summary>
    /// Two runs of <c>confgen alerts send</c> as cron makes them, StatsD lines printed: a dry run
    /// saves nothing, so the position and host states are saved by a real send to a local UDP
    /// socket that nothing reads (no StatsD needed to see the names).
    /// </summary>
    private CheckRun Send()
    {
        using var sink = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)sink.Client.LocalEndPoint!).Port;
        CheckRun dry = ConfgenAlerts.Run("send", "-i", ConfgenAlerts.Inventory, "--log", _folder.Log, "--state", _folder.State, "--dry-run");
        CheckRun sent = ConfgenAlerts.Run("send", "-i", ConfgenAlerts.Inventory, "--log", _folder.Log, "--state", _folder.State, "--statsd", $"127.0.0.1:{port}");
        return dry with { ExitCode = Math.Max(dry.ExitCode, sent.ExitCode), Stderr = dry.Stderr + sent.Stderr + sent.Stdout };
    }

    private static void Feed(AlertCounter counter, params string[] lines) => Feed(counter.Line, lines);

    private static void Feed(Reading.LineHandler handler, params string[] lines)
    {
        foreach (string line in lines)
        {
            handler(Encoding.UTF8.GetBytes(line));
        }
    }

    private static Dictionary<(EventKind, string, string), long> Counted(AlertCounter counter) =>
        counter.Counts().ToDictionary(c => (c.Key.Kind, c.Key.Service, c.Key.State), c => c.Count);

    private static long Count(AlertCounter counter, EventKind kind, string service, string state) =>
        counter.Counts().Where(c => c.Key.Kind == kind && c.Key.Service == service && c.Key.State == state).Sum(c => c.Count);
}
