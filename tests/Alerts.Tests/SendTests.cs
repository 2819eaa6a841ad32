using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackFsck.Alerts.Reading;

namespace StackFsck.Alerts.Tests;

/// <summary><c>confgen alerts send</c> against the real StatsD daemon: what arrives, and what happens when it cannot.</summary>
public class SendTests : IDisposable
{
    private const string Compute = "cmp101.cell1.prod.example.net";
    private const string Controller = "ctl1.dev.example.net";

    private readonly LogFolder _folder = new();
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => _folder.Dispose();

    private string Cell1(string rest) => $"{_prefix}.prod.cell1.cell.{rest}";

    private string DevGlobal(string rest) => $"{_prefix}.dev.global.mixed.{rest}";

    [Fact]
    public void Every_event_type_arrives_counted_and_named_by_where_its_host_sits()
    {
        _folder.Append(
            $"[1763700000] SERVICE ALERT: {Compute};nova-compute;CRITICAL;SOFT;1;down",
            $"[1763700001] SERVICE ALERT: {Compute};nova-compute;CRITICAL;HARD;3;down; really",
            $"[1763700002] SERVICE ALERT: {Compute};nova-compute;CRITICAL;HARD;3;still down",
            $"[1763700003] HOST ALERT: {Controller};DOWN;HARD;3;PING CRITICAL",
            $"[1763700004] SERVICE NOTIFICATION: ops;{Compute};nova-compute;ACKNOWLEDGEMENT (CRITICAL);notify;down;jdoe;looking",
            $"[1763700005] HOST NOTIFICATION: ops;{Controller};DOWN;notify-host;PING CRITICAL",
            $"[1763700006] SERVICE FLAPPING ALERT: {Compute};nova-compute;STARTED; Service appears to have started flapping",
            $"[1763700007] HOST DOWNTIME ALERT: {Controller};STARTED; Host has entered a period of scheduled downtime",
            $"[1763700008] CURRENT SERVICE STATE: {Compute};nova-compute;CRITICAL;HARD;3;down",
            "[1763700009] SERVICE ALERT: stray.example.org;Disk /var;WARNING;HARD;3;80% used",
            "this is not a log line");

        CheckRun run = Send();

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = new Dictionary<string, long>
        {
            [Cell1($"service_alert.cmp101_cell1_prod_example_net.nova-compute.HARD.CRITICAL")] = 2,
            [Cell1($"service_notification.cmp101_cell1_prod_example_net.nova-compute.ACKNOWLEDGEMENT.CRITICAL")] = 1,
            [Cell1($"service_flapping.cmp101_cell1_prod_example_net.nova-compute.STARTED")] = 1,
            [DevGlobal("host_alert.ctl1_dev_example_net.HARD.DOWN")] = 1,
            [DevGlobal("host_notification.ctl1_dev_example_net.PROBLEM.DOWN")] = 1,
            [DevGlobal("host_downtime.ctl1_dev_example_net.STARTED")] = 1,
            [$"{_prefix}.unmapped.unmapped.unmapped.service_alert.stray_example_org.Disk__var.HARD.WARNING"] = 1,
            [$"{_prefix}.alerts_reader.lines"] = 11,
            [$"{_prefix}.alerts_reader.malformed"] = 1,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), StatsDAdmin.CountersOnceTotalIs(_prefix, 8).OrderBy(e => e.Key));
    }

    [Fact]
    public void Event_handler_runs_are_counted_per_workaround_tracker_stackfsck_handlers_or_not_across_a_rotation()
    {
        _folder.Append(
            $"[1763700000] SERVICE EVENT HANDLER: {Compute};nova zombies;CRITICAL;SOFT;2;stackfsck_remedy_OPS-1234_0a1b2c3d",
            $"[1763700001] SERVICE EVENT HANDLER: {Compute};nova zombies;CRITICAL;HARD;4;stackfsck_remedy_OPS-1234_0a1b2c3d");
        Assert.Equal(0, Send().ExitCode);
        _folder.Append($"[1763700002] SERVICE EVENT HANDLER: {Compute};nova zombies;OK;HARD;1;stackfsck_remedy_OPS-1234_9f8e7d6c");
        _folder.Rotate();
        _folder.Append(
            $"[1763700003] SERVICE EVENT HANDLER: {Compute};httpd;CRITICAL;HARD;3;restart-httpd!now",
            $"[1763700004] HOST EVENT HANDLER: {Controller};DOWN;HARD;3;power-cycle");

        CheckRun run = Send();

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = new Dictionary<string, long>
        {
            [$"{_prefix}.prod.cell1.workaround.OPS-1234.handler"] = 3,
            [$"{_prefix}.prod.cell1.workaround.restart-httpd.handler"] = 1,
            [$"{_prefix}.dev.global.workaround.power-cycle.handler"] = 1,
            [$"{_prefix}.alerts_reader.lines"] = 6, // and the rotation's own line
            [$"{_prefix}.alerts_reader.malformed"] = 0,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), StatsDAdmin.CountersOnceTotalIs(_prefix, 5).OrderBy(e => e.Key));
    }

    [Fact]
    public void Without_a_prefix_handler_runs_are_named_in_the_stackfsck_tree_where_stackfsck_remedy_counts_its_runs()
    {
        _folder.Append($"[1763700001] SERVICE EVENT HANDLER: {Compute};nova zombies;CRITICAL;HARD;4;stackfsck_remedy_OPS-1234_0a1b2c3d");

        CheckRun run = ConfgenAlerts.Run(["send", "-i", ConfgenAlerts.Inventory, "--log", _folder.Log, "--state", _folder.State, "--dry-run"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("stackfsck.prod.cell1.workaround.OPS-1234.handler:1|c", run.Stdout.Split('\n'));
    }

    [Fact]
    public void Lines_logged_before_and_after_a_rotation_are_each_sent_once()
    {
        AppendComputeAlerts(2);
        Assert.Equal(0, Send().ExitCode);
        AppendComputeAlerts(1);
        _folder.Rotate();
        AppendComputeAlerts(3);
        CheckRun second = Send();
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("2 files", second.Stdout);
        Assert.Equal(6, ComputeCriticals(6));
        CheckRun third = Send();
        Assert.Contains("read 0 lines", third.Stdout);
        Assert.Equal(6, ComputeCriticals(6));
    }

    [Fact]
    public void Soft_alerts_are_counted_only_when_asked()
    {
        _folder.Append($"[1763700000] SERVICE ALERT: {Compute};nova-compute;WARNING;SOFT;1;slow");
        Assert.Equal(0, Send("--soft").ExitCode);
        Assert.Equal(1, StatsDAdmin.CountersOnceTotalIs(_prefix, 1)[Cell1("service_alert.cmp101_cell1_prod_example_net.nova-compute.SOFT.WARNING")]);
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_fails_the_run_and_keeps_the_position()
    {
        AppendComputeAlerts(2);
        CheckRun failed = SendTo("statsd.stackfsck.invalid:8125");
        Assert.True(failed.ExitCode == 2, failed.ToString());
        Assert.Contains("cannot resolve StatsD host statsd.stackfsck.invalid", failed.Stderr);
        Assert.False(File.Exists(_folder.State));

        AppendComputeAlerts(1);
        Assert.Equal(0, Send().ExitCode);
        Assert.Equal(3, ComputeCriticals(3));
    }

    [Fact]
    public void Nothing_listening_on_the_StatsD_port_fails_the_run_and_the_next_run_sends_the_lines()
    {
        AppendComputeAlerts(2);
        Assert.Equal(0, Send().ExitCode);
        string saved = File.ReadAllText(_folder.State);
        AppendComputeAlerts(3);

        CheckRun failed = SendTo($"127.0.0.1:{ClosedUdpPort()}");

        Assert.True(failed.ExitCode == 2, failed.ToString());
        Assert.Contains("position not saved", failed.Stderr);
        Assert.Equal(saved, File.ReadAllText(_folder.State));
        Assert.Equal(0, Send().ExitCode);
        Assert.Equal(5, ComputeCriticals(5));
    }

    [Fact]
    public void A_dry_run_prints_the_metrics_and_leaves_the_position_for_the_real_run()
    {
        AppendComputeAlerts(2);
        CheckRun dry = Send("--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains(Cell1("service_alert.cmp101_cell1_prod_example_net.nova-compute.HARD.CRITICAL:2|c"), dry.Stdout.Split('\n'));
        Assert.False(File.Exists(_folder.State));
        Assert.Equal(0, Send().ExitCode);
        Assert.Equal(2, ComputeCriticals(2));
    }

    [Fact]
    public void Hundreds_of_metrics_arrive_in_several_datagrams()
    {
        _folder.Append(Enumerable.Range(0, 300).Select(i => $"[1763700000] SERVICE ALERT: {Compute};check-{i:D3};CRITICAL;HARD;3;down").ToArray());
        CheckRun run = Send();
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"sent 302 metrics in (\d\d) datagrams", run.Stdout);
        Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(_prefix, 300);
        Assert.Equal(300, counters.Count(c => c.Key.Contains(".check-", StringComparison.Ordinal) && c.Value == 1));
    }

    [Fact]
    public void A_run_while_another_holds_the_lock_reads_nothing()
    {
        AppendComputeAlerts(1);
        using (RunLock? held = RunLock.TryAcquire(_folder.State + ".lock", out _))
        {
            Assert.NotNull(held);
            CheckRun blocked = Send();
            Assert.True(blocked.ExitCode == 3, blocked.ToString());
            Assert.Contains($"another run (pid {Environment.ProcessId}) holds", blocked.Stderr);
            Assert.False(File.Exists(_folder.State));
        }

        Assert.Equal(0, Send().ExitCode);
        Assert.Equal(1, ComputeCriticals(1));
    }

    [Fact]
    public void A_lock_left_by_a_dead_run_is_taken_over()
    {
        using Process gone = Process.Start("true")!;
        gone.WaitForExit();
        File.WriteAllText(_folder.State + ".lock", $"{gone.Id}\n");
        AppendComputeAlerts(1);

        CheckRun run = Send();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"took over the lock left by pid {gone.Id}", run.Stderr);
        Assert.Equal(1, ComputeCriticals(1));
    }

    private CheckRun Send(params string[] extra) => SendTo(StatsDAdmin.Target, extra);

    private CheckRun SendTo(string statsd, params string[] extra) => ConfgenAlerts.Run(
        ["send", "-i", ConfgenAlerts.Inventory, "--log", _folder.Log, "--state", _folder.State, "--statsd", statsd, "--prefix", _prefix, .. extra]);

    private void AppendComputeAlerts(int count) =>
        _folder.Append(Enumerable.Range(0, count).Select(i => $"[1763700000] SERVICE ALERT: {Compute};nova-compute;CRITICAL;HARD;3;down {i}").ToArray());

    private long ComputeCriticals(long expected) =>
        StatsDAdmin.CountersOnceTotalIs(_prefix, expected).GetValueOrDefault(Cell1("service_alert.cmp101_cell1_prod_example_net.nova-compute.HARD.CRITICAL"));

    /// <summary>A loopback UDP port nobody listens on: bound, noted and released.</summary>
    private static int ClosedUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
