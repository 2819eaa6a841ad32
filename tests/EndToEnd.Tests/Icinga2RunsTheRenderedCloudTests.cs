using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// The Icinga 2 path: confgen renders the test cloud with <c>--engine icinga2</c> (its mixed
/// server is the master and runs every zone itself); a real Icinga 2 daemon (checker, api and
/// compatlog features, a private prefix, PluginDir the checks of this run) runs the rendered
/// RabbitMQ, database and Keystone checks against the test tier's real servers, with perfdata;
/// `confgen alerts send` takes its compat log to a real StatsD under the names Nagios' log gives.
/// It renders with <see cref="TestCloud.FastTemplates"/> (3 s intervals).
/// </summary>
// One daemon at a time: both are timed by their checks' intervals, which a second daemon's load would stretch.
[Collection(TestCloud.Daemons)]
public sealed partial class Icinga2RunsTheRenderedCloudTests : IAsyncLifetime
{
    private const string Server = "nagios.e2e.test";
    private TestCloud? _cloud;

    public async Task InitializeAsync() => _cloud = await TestCloud.CreateAsync();

    public async Task DisposeAsync() => await (_cloud?.DisposeAsync() ?? ValueTask.CompletedTask);

    /// <summary>
    /// What must reach the compat log: the three provoked service problems HARD, the dead
    /// hypervisor HARD DOWN, and its ssh service HARD CRITICAL too (Icinga 2 goes on checking the
    /// services of a DOWN host), which must not count as a problem of its own.
    /// </summary>
    private static readonly string[] Expected =
    [
        "SERVICE ALERT: cond1.e2e.test;compute_queues;WARNING;HARD;",
        "SERVICE ALERT: ctl1.e2e.test;keystone_revocations;WARNING;HARD;",
        "SERVICE ALERT: ctl1.e2e.test;scheduler_queues;CRITICAL;HARD;",
        $"HOST ALERT: {TestCloud.Dead};DOWN;HARD;",
        $"SERVICE ALERT: {TestCloud.Dead};ssh;CRITICAL;HARD;",
    ];

    [Fact]
    public async Task Rendered_checks_run_under_icinga_with_perfdata_and_its_compat_log_reaches_StatsD()
    {
        await _cloud!.ProvokeAsync();
        string rendered = Path.Combine(_cloud.Work, "rendered");
        CheckRun render = TestCloud.Confgen("render", "--engine", "icinga2", "-i", _cloud.WriteInventory(), "-T", _cloud.FastTemplates(), "-o", rendered);
        Assert.True(render.ExitCode == 0, render.ToString());

        using var prefix = Icinga2Prefix.ForTree(Path.Combine(rendered, Server), Server);
        prefix.SetConstant("PluginDir", _cloud.Plugins());
        prefix.EnableApi();
        string log = prefix.EnableCompatLog();
        Assert.Empty(Icinga2Prefix.Problems(prefix.Validate()));

        string[] lines = [];
        using (var daemon = new Icinga2Daemon(prefix))
        {
            bool logged = daemon.WaitFor(() => Expected.All(e => (lines = File.Exists(log) ? File.ReadAllLines(log) : []).Any(l => l.Contains(e, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(120));
            Assert.True(logged, $"compat log:\n{string.Join('\n', lines)}\ndaemon:\n{daemon.Output()}");
        }

        // A dead hypervisor is one problem: its host check finds it DOWN before any of its services
        // fails for good, and then they are unreachable (a service depends on its host in Icinga 2).
        int hostDown = Array.FindIndex(lines, l => l.Contains($"HOST ALERT: {TestCloud.Dead};DOWN;", StringComparison.Ordinal));
        Assert.DoesNotContain(lines[..hostDown], l => l.Contains($"SERVICE ALERT: {TestCloud.Dead};", StringComparison.Ordinal)
            && l.Contains(";HARD;", StringComparison.Ordinal) && !l.Contains(";OK;", StringComparison.Ordinal));
        Dictionary<string, JsonElement> results = prefix.LastCheckResults();
        Assert.False(results[$"{TestCloud.Dead}!ssh"].GetProperty("vars_after").GetProperty("reachable").GetBoolean());
        Assert.StartsWith("deepest=5;", Perfdata(results["cond1.e2e.test!compute_queues"]).First());
        Assert.Contains(Perfdata(results["ctl1.e2e.test!keystone_revocations"]), value => RevocationEvents().IsMatch(value));
        JsonElement scheduler = results["ctl1.e2e.test!scheduler_queues"];
        Assert.Equal(2, scheduler.GetProperty("exit_status").GetInt32());
        Assert.Contains("no queue scheduler: is nova-scheduler running?", scheduler.GetProperty("output").GetString());

        string metrics = "e2e" + Guid.NewGuid().ToString("N")[..10];
        CheckRun send = TestCloud.Confgen("alerts", "send", "-i", Path.Combine(_cloud.Work, "inventory"), "--log", log,
            "--state", Path.Combine(_cloud.Work, "alerts.state"), "--statsd", StatsDAdmin.Target, "--prefix", metrics);
        Assert.True(send.ExitCode == 0, send.ToString());
        Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(metrics, 5);
        string all = string.Join('\n', counters.Select(c => $"{c.Key}={c.Value}"));
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.cell1.mixed.service_alert.cond1_e2e_test.compute_queues.HARD.WARNING") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.global.mixed.service_alert.ctl1_e2e_test.keystone_revocations.HARD.WARNING") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.global.mixed.service_alert.ctl1_e2e_test.scheduler_queues.HARD.CRITICAL") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.cell1.mixed.host_alert.cmp2_e2e_test.HARD.DOWN") == 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.cell1.mixed.service_alert_host_down.cmp2_e2e_test.ssh.HARD.CRITICAL") >= 1, all);
        Assert.DoesNotContain(counters.Keys, k => k.Contains(".service_alert.cmp2_e2e_test.", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Perfdata(JsonElement result) =>
        result.GetProperty("performance_data").EnumerateArray().Select(value => value.GetString()!);

    [GeneratedRegex(@"^events=5001;")]
    private static partial Regex RevocationEvents();
}
