using System.Diagnostics;
using System.Text.Json;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// Workarounds that run, end to end: confgen renders two workaround services (a current one and an
/// expired one, both always CRITICAL) with the event handlers their _WORKAROUND_DIAGNOSE and
/// _WORKAROUND_REMEDY name; a real nagios4 runs them, and runs stackfsck-remedy (from dist/) as
/// their handler through $USER1$; the counters reach the real StatsD, and `confgen alerts send`
/// counts Nagios' own handler lines there too.
/// </summary>
[Collection(TestCloud.Daemons)]
public sealed class NagiosRunsWorkaroundHandlersTests : IDisposable
{
    private const string Host = WorkaroundServices.Host;
    private readonly WorkaroundServices _services = new();
    private readonly string _prefix = "e2e" + Guid.NewGuid().ToString("N")[..10];

    private string Remedies => _services.Remedies;

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_hard_critical_runs_the_handler_once_with_diagnostics_kept_and_an_expired_workaround_is_refused_and_counted()
    {
        string inventory = _services.WriteInventory();
        string options = $"--output-dir {Remedies} --statsd {StatsDAdmin.Target} --prefix {_prefix}";
        CheckRun render = TestCloud.Confgen("render", "-i", inventory, "-T", _services.WriteTemplates(options, fast: false), "-o", Path.Combine(_services.Work, "rendered"));
        Assert.True(render.ExitCode == 0, render.ToString());

        var clock = Stopwatch.StartNew();
        string[] log;
        using (var nagios = new NagiosDaemon(_services.Work, Path.Combine(_services.Work, "rendered", "nagios.e2e.test"), _services.Plugins()))
        {
            // HARD after 3 attempts a "minute" (2 s) apart; then keep watching: no handler may run again while the state holds.
            log = nagios.WaitFor(
                lines => clock.Elapsed > TimeSpan.FromSeconds(25) && HardHandler("leak_current").All(e => lines.Any(l => l.Contains(e, StringComparison.Ordinal)))
                    && HardHandler("leak_expired").All(e => lines.Any(l => l.Contains(e, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(120));
        }

        string text = string.Join('\n', log);
        Assert.Single(log, l => l.Contains($"SERVICE EVENT HANDLER: {Host};leak_current;CRITICAL;HARD;", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains($"SERVICE EVENT HANDLER: {Host};leak_current;CRITICAL;SOFT;", StringComparison.Ordinal));

        List<JsonElement> journal = File.ReadAllLines(Path.Combine(Remedies, "journal.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement executed = Assert.Single(journal, j => j.GetProperty("service").GetString() == "leak_current");
        Assert.Equal("executed", executed.GetProperty("outcome").GetString());
        Assert.StartsWith("HARD CRITICAL", executed.GetProperty("transition").GetString());
        JsonElement refused = Assert.Single(journal, j => j.GetProperty("service").GetString() == "leak_expired");
        Assert.Equal("refused_expired", refused.GetProperty("outcome").GetString());

        string run = Assert.Single(Directory.GetDirectories(Path.Combine(Remedies, "OPS-1")));
        Assert.Equal($"diagnosing leak on {Host}\n", File.ReadAllText(Path.Combine(run, "diagnose.out")));
        Assert.Equal("remedied leak\n", File.ReadAllText(Path.Combine(run, "remedy.out")));
        Assert.False(Directory.Exists(Path.Combine(Remedies, "OPS-2")), text);

        CheckRun send = TestCloud.Confgen("alerts", "send", "-i", inventory, "--log", Path.Combine(_services.Work, "nagios.log"), "--state", Path.Combine(_services.Work, "alerts.state"),
            "--statsd", StatsDAdmin.Target, "--prefix", _prefix);
        Assert.True(send.ExitCode == 0, send.ToString());
        int handlerLines = log.Count(l => l.Contains($"SERVICE EVENT HANDLER: {Host};leak_current;", StringComparison.Ordinal));
        Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(_prefix, 2 + handlerLines);
        string all = string.Join('\n', counters.Select(c => $"{c.Key}={c.Value}"));
        Assert.True(counters.GetValueOrDefault($"{_prefix}.e2e.global.workaround.OPS-1.executed") == 1, all);
        Assert.True(counters.GetValueOrDefault($"{_prefix}.e2e.global.workaround.OPS-2.refused_expired") == 1, all);
        Assert.True(counters.GetValueOrDefault($"{_prefix}.e2e.global.workaround.OPS-1.handler") == handlerLines, all);
    }

    private static string[] HardHandler(string service) => [$"SERVICE EVENT HANDLER: {Host};{service};CRITICAL;HARD;"];
}
