using System.Text.Json;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// Workarounds that run under Icinga 2: confgen renders the workaround services of
/// <see cref="WorkaroundServices"/> with <c>--engine icinga2</c>, their _WORKAROUND_OPTIONS asking for
/// early action (<c>--on-soft-attempt 2</c>); a real Icinga 2 daemon runs the EventCommand, whose
/// arguments split that variable into stackfsck-remedy's options, so the workaround acts at that
/// SOFT attempt as it does under Nagios 4, and the expired one is refused.
/// </summary>
[Collection(TestCloud.Daemons)]
public sealed class Icinga2RunsWorkaroundHandlersTests : IDisposable
{
    private const string Server = "nagios.e2e.test";
    private readonly WorkaroundServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void The_workaround_options_reach_stackfsck_remedy_so_it_acts_at_the_SOFT_attempt_they_name()
    {
        string rendered = Path.Combine(_services.Work, "rendered");
        string options = $"--output-dir {_services.Remedies}  --on-soft-attempt 2 --statsd {StatsDAdmin.Target} --prefix e2e{Guid.NewGuid():N}";
        CheckRun render = TestCloud.Confgen("render", "--engine", "icinga2", "-i", _services.WriteInventory(),
            "-T", _services.WriteTemplates(options, fast: true), "-o", rendered);
        Assert.True(render.ExitCode == 0, render.ToString());

        using var prefix = Icinga2Prefix.ForTree(Path.Combine(rendered, Server), Server);
        prefix.SetConstant("PluginDir", _services.Plugins());
        prefix.EnableApi();
        Assert.Empty(Icinga2Prefix.Problems(prefix.Validate()));

        List<JsonElement> journal = [];
        using (var daemon = new Icinga2Daemon(prefix))
        {
            bool acted = daemon.WaitFor(() => (journal = Journal()).Any(j => Is(j, "leak_current", "HARD CRITICAL")) && journal.Any(j => Is(j, "leak_expired", "HARD CRITICAL")),
                TimeSpan.FromSeconds(120));
            Assert.True(acted, $"journal:\n{string.Join('\n', journal)}\ndaemon:\n{daemon.Output()}");
        }

        JsonElement early = Assert.Single(journal, j => Is(j, "leak_current", "SOFT"));
        Assert.Equal("SOFT CRITICAL (attempt 2)", early.GetProperty("transition").GetString());
        Assert.Equal("executed", early.GetProperty("outcome").GetString());
        string diagnosed = early.GetProperty("files").EnumerateArray().First().GetString()!;
        Assert.Equal($"diagnosing leak on {WorkaroundServices.Host}\n", File.ReadAllText(diagnosed));
        Assert.All(journal.Where(j => j.GetProperty("service").GetString() == "leak_expired"),
            j => Assert.Equal("refused_expired", j.GetProperty("outcome").GetString()));
    }

    private static bool Is(JsonElement run, string service, string transition) =>
        run.GetProperty("service").GetString() == service && run.GetProperty("transition").GetString()!.StartsWith(transition, StringComparison.Ordinal);

    private List<JsonElement> Journal()
    {
        string path = Path.Combine(_services.Remedies, "journal.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList() : [];
    }
}
