using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// The Icinga 2 path: confgen renders the test cloud with <c>--engine icinga2</c> (its mixed
/// server is the master and runs every zone itself); a real Icinga 2 daemon (checker, api and
/// compatlog features, a private prefix, PluginDir the checks of this run) runs the rendered
/// RabbitMQ, database and Keystone checks against the test tier's real servers, with perfdata;
/// `confgen alerts send` takes its compat log to a real StatsD under the names Nagios' log gives.
/// Icinga 2 has no interval_length: the test renders with a copy of the templates whose intervals
/// are 0.05 minutes (3 s), so what takes minutes on a server takes seconds here.
/// </summary>
// One daemon at a time: both are timed by their checks' intervals, which a second daemon's load would stretch.
[Collection(TestCloud.Daemons)]
public sealed partial class Icinga2RunsTheRenderedCloudTests : IAsyncLifetime
{
    private const string Server = "nagios.e2e.test";
    private TestCloud? _cloud;

    public async Task InitializeAsync() => _cloud = await TestCloud.CreateAsync();

    public async Task DisposeAsync() => await (_cloud?.DisposeAsync() ?? ValueTask.CompletedTask);

    /// <summary>What must reach the compat log: the three provoked service problems HARD, the dead hypervisor HARD DOWN.</summary>
    private static readonly string[] Expected =
    [
        "SERVICE ALERT: cond1.e2e.test;compute_queues;WARNING;HARD;",
        "SERVICE ALERT: ctl1.e2e.test;keystone_revocations;WARNING;HARD;",
        "SERVICE ALERT: ctl1.e2e.test;scheduler_queues;CRITICAL;HARD;",
        $"HOST ALERT: {TestCloud.Dead};DOWN;HARD;",
    ];

    [Fact]
    public async Task Rendered_checks_run_under_icinga_with_perfdata_and_its_compat_log_reaches_StatsD()
    {
        await _cloud!.ProvokeAsync();
        string rendered = Path.Combine(_cloud.Work, "rendered");
        CheckRun render = TestCloud.Confgen("render", "--engine", "icinga2", "-i", _cloud.WriteInventory(), "-T", FastTemplates(), "-o", rendered);
        Assert.True(render.ExitCode == 0, render.ToString());

        using var prefix = Icinga2Prefix.ForTree(Path.Combine(rendered, Server), Server);
        prefix.SetConstant("PluginDir", _cloud.Plugins());
        prefix.EnableApi();
        prefix.EnableFeature("compatlog");
        string compat = Directory.CreateDirectory(Path.Combine(prefix.LogDir, "compat", "archives")).Parent!.FullName;
        string log = Path.Combine(compat, "icinga.log");
        Assert.Empty(Icinga2Prefix.Problems(prefix.Validate()));

        string[] lines = [];
        using (var daemon = new Icinga2Daemon(prefix))
        {
            bool logged = daemon.WaitFor(() => Expected.All(e => (lines = File.Exists(log) ? File.ReadAllLines(log) : []).Any(l => l.Contains(e, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(120));
            Assert.True(logged, $"compat log:\n{string.Join('\n', lines)}\ndaemon:\n{daemon.Output()}");
        }

        Dictionary<string, JsonElement> results = prefix.LastCheckResults();
        Assert.StartsWith("deepest=5;", Perfdata(results["cond1.e2e.test!compute_queues"]).First());
        Assert.Contains(Perfdata(results["ctl1.e2e.test!keystone_revocations"]), value => RevocationEvents().IsMatch(value));
        JsonElement scheduler = results["ctl1.e2e.test!scheduler_queues"];
        Assert.Equal(2, scheduler.GetProperty("exit_status").GetInt32());
        Assert.Contains("no queue scheduler: is nova-scheduler running?", scheduler.GetProperty("output").GetString());

        string metrics = "e2e" + Guid.NewGuid().ToString("N")[..10];
        CheckRun send = TestCloud.Confgen("alerts", "send", "-i", Path.Combine(_cloud.Work, "inventory"), "--log", log,
            "--state", Path.Combine(_cloud.Work, "alerts.state"), "--statsd", StatsDAdmin.Target, "--prefix", metrics);
        Assert.True(send.ExitCode == 0, send.ToString());
        Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(metrics, 4);
        string all = string.Join('\n', counters.Select(c => $"{c.Key}={c.Value}"));
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.cell1.mixed.service_alert.cond1_e2e_test.compute_queues.HARD.WARNING") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.global.mixed.service_alert.ctl1_e2e_test.keystone_revocations.HARD.WARNING") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.global.mixed.service_alert.ctl1_e2e_test.scheduler_queues.HARD.CRITICAL") >= 1, all);
        Assert.True(counters.GetValueOrDefault($"{metrics}.e2e.cell1.mixed.host_alert.cmp2_e2e_test.HARD.DOWN") >= 1, all);
    }

    /// <summary>The repository's templates with every check and retry interval at 0.05 minutes.</summary>
    private string FastTemplates()
    {
        string copy = Path.Combine(_cloud!.Work, "templates");
        foreach (string file in Directory.GetFiles(Path.Combine(Repo.Root, "templates"), "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(Path.Combine(Repo.Root, "templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, Interval().Replace(File.ReadAllText(file), "${key}${gap}0.05"));
        }

        return copy;
    }

    private static IEnumerable<string> Perfdata(JsonElement result) =>
        result.GetProperty("performance_data").EnumerateArray().Select(value => value.GetString()!);

    [GeneratedRegex(@"(?<key>(?:check|retry)_interval)(?<gap>\s+)\d+")]
    private static partial Regex Interval();

    [GeneratedRegex(@"^events=5001;")]
    private static partial Regex RevocationEvents();
}
