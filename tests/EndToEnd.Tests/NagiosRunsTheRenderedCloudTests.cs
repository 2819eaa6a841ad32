using System.Diagnostics;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// The whole path an operator relies on: an inventory laid out as the example (a mixed server, a
/// top-level broker and a cell broker, a keystone database, two hypervisors) but pointing at the
/// test tier on 127.0.0.1; confgen renders it; a real nagios4 runs it with the test tier's real
/// RabbitMQ and MariaDB; `confgen alerts send` takes what nagios logged to a real StatsD.
/// </summary>
// One daemon at a time: both are timed by their checks' intervals, which a second daemon's load would stretch.
[Collection(TestCloud.Daemons)]
public sealed class NagiosRunsTheRenderedCloudTests : IAsyncLifetime
{
    private const string Dead = TestCloud.Dead;
    private TestCloud? _cloud;

    public async Task InitializeAsync() => _cloud = await TestCloud.CreateAsync();

    public async Task DisposeAsync() => await (_cloud?.DisposeAsync() ?? ValueTask.CompletedTask);

    [Fact]
    public async Task Provoked_problems_alert_and_reach_StatsD_and_a_dead_hypervisor_is_one_host_problem()
    {
        await _cloud!.ProvokeAsync();
        string work = _cloud.Work;
        string inventory = _cloud.WriteInventory();
        CheckRun render = Run("render", "-i", inventory, "-T", Path.Combine(Repo.Root, "templates"), "-o", Path.Combine(work, "rendered"));
        Assert.True(render.ExitCode == 0, render.ToString());

        var clock = Stopwatch.StartNew();
        string[] log;
        using (var nagios = new NagiosDaemon(work, Path.Combine(work, "rendered", "nagios.e2e.test"), _cloud.Plugins()))
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
        // Nagios makes a service HARD at once when its host is not UP (even SOFT DOWN), so a dead
        // hypervisor's service may log a HARD alert in the same second as the host: what must hold
        // is that none does before the host check found it DOWN, and that none is notified (above).
        int hostDown = Array.FindIndex(log, l => l.Contains($"HOST ALERT: {Dead};DOWN;", StringComparison.Ordinal));
        Assert.True(hostDown >= 0, text);
        Assert.DoesNotContain(log[..hostDown], l => l.Contains($"SERVICE ALERT: {Dead};", StringComparison.Ordinal) && l.Contains(";HARD;", StringComparison.Ordinal)
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

    private static CheckRun Run(params string[] args) => TestCloud.Confgen(args);
}
