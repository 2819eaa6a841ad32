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
    private const string Host = "ctl1.e2e.test";
    private readonly string _work = Directory.CreateTempSubdirectory("stackfsck-e2e-remedy-").FullName;
    private readonly string _prefix = "e2e" + Guid.NewGuid().ToString("N")[..10];

    public NagiosRunsWorkaroundHandlersTests() =>
        // nagios4 and its handlers run as the nagios user: they write the log, the runs' output and the journal here.
        File.SetUnixFileMode(_work, (UnixFileMode)0b111_111_111);

    private string Remedies => Path.Combine(_work, "remedy");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_hard_critical_runs_the_handler_once_with_diagnostics_kept_and_an_expired_workaround_is_refused_and_counted()
    {
        Directory.CreateDirectory(Remedies);
        File.SetUnixFileMode(Remedies, (UnixFileMode)0b111_111_111);
        string inventory = WriteInventory();
        CheckRun render = TestCloud.Confgen("render", "-i", inventory, "-T", WriteTemplates(), "-o", Path.Combine(_work, "rendered"));
        Assert.True(render.ExitCode == 0, render.ToString());

        var clock = Stopwatch.StartNew();
        string[] log;
        using (var nagios = new NagiosDaemon(_work, Path.Combine(_work, "rendered", "nagios.e2e.test"), Plugins()))
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

        CheckRun send = TestCloud.Confgen("alerts", "send", "-i", inventory, "--log", Path.Combine(_work, "nagios.log"), "--state", Path.Combine(_work, "alerts.state"),
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

    private string WriteInventory()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_work, "inventory")).FullName;
        File.WriteAllText(Path.Combine(folder, "e2e.yaml"), $$"""
            environment: e2e
            servers:
              - {name: nagios.e2e.test, class: mixed}
            contacts:
              - {name: e2e-ops, email: ops@e2e.test}
            global:
              hosts:
                - {name: {{Host}}, address: 127.0.0.1, roles: [keystone]}

            """);
        return folder;
    }

    /// <summary>The repository's templates and two workaround services whose check is always CRITICAL, with their commands.</summary>
    private string WriteTemplates()
    {
        string templates = Path.Combine(_work, "templates");
        foreach (string file in Directory.GetFiles(Path.Combine(Repo.Root, "templates"), "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(templates, Path.GetRelativePath(Path.Combine(Repo.Root, "templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        string options = $"--output-dir {Remedies} --statsd {StatsDAdmin.Target} --prefix {_prefix}";
        File.WriteAllText(Path.Combine(templates, "global", "workarounds.cfg.hbs"), $$"""
            # Workarounds of the end-to-end test: a leak that is always there, one workaround current, one expired.
            define command {
                command_name    e2e_leak
                command_line    $USER1$/check_dummy 2 'leak found'
            }

            define command {
                command_name    e2e_diagnose
                command_line    /bin/echo diagnosing $ARG1$ on $HOSTNAME$
            }

            define command {
                command_name    e2e_remedy
                command_line    /bin/echo remedied $ARG1$
            }

            define service {
                use                     stackfsck-service
                host_name               {{Host}}
                service_description     leak_current
                check_command           e2e_leak
                _WORKAROUND_URL         https://tracker.e2e.test/browse/OPS-1
                _WORKAROUND_EXPIRES     2099-12-31
                _ROOT_CAUSE_DIAGNOSED   0
                _WORKAROUND_DIAGNOSE    e2e_diagnose!leak
                _WORKAROUND_REMEDY      e2e_remedy!leak
                _WORKAROUND_OPTIONS     {{options}}
            }

            define service {
                use                     stackfsck-service
                host_name               {{Host}}
                service_description     leak_expired
                check_command           e2e_leak
                _WORKAROUND_URL         https://tracker.e2e.test/browse/OPS-2
                _WORKAROUND_EXPIRES     2020-01-31
                _ROOT_CAUSE_DIAGNOSED   0
                _WORKAROUND_DIAGNOSE    e2e_diagnose!leak
                _WORKAROUND_REMEDY      e2e_remedy!leak
                _WORKAROUND_OPTIONS     {{options}}
            }

            """);
        return templates;
    }

    /// <summary>stackfsck-remedy from dist/ and the monitoring-plugins these services use: $USER1$.</summary>
    private string Plugins()
    {
        string plugins = Directory.CreateDirectory(Path.Combine(_work, "plugins")).FullName;
        File.Copy(Dist.PathOf("stackfsck-remedy"), Path.Combine(plugins, "stackfsck-remedy"));
        foreach (string plugin in new[] { "check_dummy", "check_ping" })
        {
            File.CreateSymbolicLink(Path.Combine(plugins, plugin), Path.Combine("/usr/lib/nagios/plugins", plugin));
        }

        return plugins;
    }
}
