using System.Diagnostics;
using System.Text.Json;

namespace StackFsck.Remedy.Tests.Handler;

/// <summary>
/// <c>stackfsck-remedy handler</c> from dist/, run as Nagios runs an event handler: the commands
/// are real shell command lines, the output and journal real files, the counters reach the real
/// StatsD daemon tests/run starts.
/// </summary>
public class HandlerTests : IDisposable
{
    private readonly RemedyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CheckRun Remedy(params string[] args) => Dist.Run("stackfsck-remedy", args);

    private string Executed => $"{_folder.Prefix}.prod.cell1.workaround.OPS-1234.executed";

    [Fact]
    public void A_hard_critical_runs_the_diagnostics_first_keeps_their_output_then_the_remedy_and_counts_it()
    {
        string diagnosed = _folder.Marker("diagnosed");
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "HARD", 3,
            diagnose: $"echo domain list; echo warning on stderr >&2; touch {diagnosed}; exit 2",
            remedy: $"test -f {diagnosed} && echo remedied after the diagnostics"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("workaround OPS-1234 executed: diagnostics exit 2; remedy exit 0", run.Stdout);
        string folder = Assert.Single(_folder.Runs("OPS-1234"));
        Assert.Equal("domain list\nwarning on stderr\n", File.ReadAllText(Path.Combine(folder, "diagnose.out")));
        Assert.Equal("remedied after the diagnostics\n", File.ReadAllText(Path.Combine(folder, "remedy.out")));
        JsonElement line = JsonDocument.Parse(Assert.Single(_folder.JournalLines)).RootElement;
        Assert.Equal("executed", line.GetProperty("outcome").GetString());
        Assert.Equal("OPS-1234", line.GetProperty("tracker").GetString());
        Assert.Equal("cmp001.cell1.prod.example.net", line.GetProperty("host").GetString());
        Assert.Equal("nova compute zombies", line.GetProperty("service").GetString());
        Assert.Equal(2, line.GetProperty("files").GetArrayLength());
        Assert.Equal(1, StatsDAdmin.CountersOnceTotalIs(_folder.Prefix, 1)[Executed]);
    }

    [Fact]
    public void Without_a_prefix_the_counters_land_in_the_stackfsck_tree_where_the_alert_senders_count_handler_lines()
    {
        const string Tree = "stackfsck.prod.cell1.workaround.OPS-1234";
        long before = StatsDAdmin.EventTotal(StatsDAdmin.Counters(Tree));
        string[] args = _folder.Handler("CRITICAL", "HARD", 3, diagnose: "true", remedy: "true");
        int prefix = Array.IndexOf(args, "--prefix");

        CheckRun run = Remedy([.. args[..prefix], .. args[(prefix + 2)..]]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(before + 1, StatsDAdmin.CountersOnceTotalIs(Tree, before + 1)[Tree + ".executed"]);
    }

    [Theory]
    [InlineData("SOFT", 1, new string[0])]
    [InlineData("SOFT", 2, new string[0])]
    [InlineData("SOFT", 1, new[] { "--on-soft-attempt", "2" })]
    [InlineData("HARD", 3, new[] { "--act-on", "WARNING" })]
    public void Other_transitions_run_nothing_and_leave_no_trace(string type, int attempt, string[] extra)
    {
        string ran = _folder.Marker("ran");
        CheckRun run = Remedy(_folder.Handler("CRITICAL", type, attempt, $"touch {ran}", $"touch {ran}", extra: extra));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing to do (acts on HARD", run.Stdout);
        Assert.False(File.Exists(ran));
        Assert.Empty(_folder.JournalLines);
    }

    [Fact]
    public void The_chosen_soft_attempt_acts_early()
    {
        string ran = _folder.Marker("ran");
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "SOFT", 2, "true", $"touch {ran}", extra: ["--on-soft-attempt", "2"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(ran));
    }

    [Fact]
    public void An_expired_workaround_is_refused_says_why_runs_nothing_and_is_counted()
    {
        string ran = _folder.Marker("ran");
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "HARD", 3, $"touch {ran}", $"touch {ran}", expires: "2020-01-31"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refused: workaround OPS-1234 expired on 2020-01-31; nothing run", run.Stdout);
        Assert.False(File.Exists(ran));
        Assert.Empty(_folder.Runs("OPS-1234"));
        Assert.Contains("\"outcome\":\"refused_expired\"", Assert.Single(_folder.JournalLines));
        Assert.Equal(1, StatsDAdmin.CountersOnceTotalIs(_folder.Prefix, 1)[$"{_folder.Prefix}.prod.cell1.workaround.OPS-1234.refused_expired"]);
    }

    [Fact]
    public void A_workaround_runs_on_its_last_day()
    {
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "HARD", 3, "true", "true", expires: today));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("executed", run.Stdout);
    }

    [Fact]
    public void A_failing_remedy_is_counted_as_failed_and_its_output_kept()
    {
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "HARD", 3, "true", "echo virsh: domain not found; exit 1"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("workaround OPS-1234 failed: diagnostics exit 0; remedy exit 1", run.Stdout);
        Assert.Equal("virsh: domain not found\n", File.ReadAllText(Path.Combine(Assert.Single(_folder.Runs("OPS-1234")), "remedy.out")));
        Assert.Equal(1, StatsDAdmin.CountersOnceTotalIs(_folder.Prefix, 1)[$"{_folder.Prefix}.prod.cell1.workaround.OPS-1234.failed"]);
    }

    [Fact]
    public void Diagnostics_past_their_deadline_are_killed_with_what_they_started_and_the_remedy_still_runs()
    {
        string late = _folder.Marker("late");
        string remedied = _folder.Marker("remedied");
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "HARD", 3, $"echo started; (sleep 3; touch {late}) & sleep 30", $"touch {remedied}",
            extra: ["--diagnose-timeout", "1"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("diagnostics killed at its deadline; remedy exit 0", run.Stdout);
        Assert.True(File.Exists(remedied));
        Assert.StartsWith("started\n", File.ReadAllText(Path.Combine(Assert.Single(_folder.Runs("OPS-1234")), "diagnose.out")));
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.False(File.Exists(late), "a child of the diagnostics outlived their deadline");
    }

    [Fact]
    public void A_second_run_for_the_same_service_while_one_is_under_way_runs_nothing()
    {
        string started = _folder.Marker("started");
        string release = _folder.Marker("release");
        using Process first = Start(_folder.Handler("CRITICAL", "HARD", 3, $"touch {started}; while [ ! -f {release} ]; do sleep 0.1; done", "true"));
        WaitFor(started);

        CheckRun second = Remedy(_folder.Handler("CRITICAL", "HARD", 3, "true", "true"));
        File.WriteAllText(release, "");
        first.WaitForExit(30_000);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"another run (pid {first.Id}) is under way; nothing run", second.Stdout);
        Assert.Equal(0, first.ExitCode);
        Assert.Single(_folder.Runs("OPS-1234"));
        Assert.Equal(["busy", "executed"], _folder.JournalLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
    }

    [Fact]
    public void The_folder_of_a_tracker_keeps_only_the_newest_runs()
    {
        for (int i = 1; i <= 4; i++)
        {
            Assert.Equal(0, Remedy(_folder.Handler("CRITICAL", "HARD", 3, $"echo run {i}", "true", extra: ["--keep", "2"])).ExitCode);
        }

        string[] runs = _folder.Runs("OPS-1234");
        Assert.Equal(2, runs.Length);
        Assert.Equal(["run 3\n", "run 4\n"], runs.Select(run => File.ReadAllText(Path.Combine(run, "diagnose.out"))));
        Assert.Equal(4, _folder.JournalLines.Count);
    }

    [Fact]
    public void Output_beyond_a_mebibyte_is_cut_not_kept()
    {
        CheckRun run = Remedy(_folder.Handler("CRITICAL", "HARD", 3, "head -c 3000000 /dev/zero", "true"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("diagnostics exit 0, output cut", run.Stdout);
        Assert.InRange(new FileInfo(Path.Combine(Assert.Single(_folder.Runs("OPS-1234")), "diagnose.out")).Length, 1 << 20, (1 << 20) + 100);
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo(Dist.PathOf("stackfsck-remedy")) { RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static void WaitFor(string path)
    {
        for (int i = 0; i < 300 && !File.Exists(path); i++)
        {
            Thread.Sleep(100);
        }

        Assert.True(File.Exists(path), $"{path} never appeared");
    }
}
