using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StackFsck.Tests.Database;

/// <summary>
/// check_openstack_db_bloat against the services' own cleanup tools (Zed's nova-manage,
/// cinder-manage, glance-manage) on databases they made: every command the check prints is run
/// verbatim through a shell, as an operator pastes it, and removes exactly what the check counted.
/// </summary>
public sealed partial class BloatCleanupToolsTests(BloatToolDatabases dbs) : IClassFixture<BloatToolDatabases>
{
    private const string Check = "check_openstack_db_bloat";

    private string[] Args =>
    [
        "-f", dbs.ReadOnly, "-d", $"{dbs.Nova.Cell0.Name}:nova", "-d", $"{dbs.Nova.Cell1.Name}:nova", "-d", $"{dbs.Nova.Api.Name}:nova_api",
        "-d", $"{dbs.Cinder.Name}:cinder", "-d", $"{dbs.Glance.Name}:glance", "--older-than", "30",
        "--manage-config", $"nova:{dbs.Nova.Config}", "--manage-config", $"cinder:{dbs.CinderConfig}", "--manage-config", $"glance:{dbs.GlanceConfig}",
    ];

    [Fact]
    public void Every_printed_command_removes_exactly_what_the_check_counted_and_a_second_run_counts_none()
    {
        ScratchDatabase[] cells = [dbs.Nova.Cell0, dbs.Nova.Cell1];
        DateTime before = DateTime.UtcNow.AddDays(-30);
        CheckRun run = Dist.Run(Check, Args);
        Assert.Equal(0, run.ExitCode);
        List<(string What, string Command)> steps = Steps(run);
        Assert.Equal(5, steps.Count);

        // nova-manage gets the cutoff to the second; glance-manage no row limit; each tool the config file given.
        Match stamp = Timestamp().Match(steps[0].Command);
        Assert.True(stamp.Success, steps[0].Command);
        Assert.InRange(DateTime.Parse(stamp.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - before, TimeSpan.FromSeconds(-10), TimeSpan.FromSeconds(10));
        Assert.Equal($"nova-manage --config-file {dbs.Nova.Config} db archive_deleted_rows --before {stamp.Groups[1].Value} --until-complete --all-cells", steps[0].Command);
        Assert.Equal($"nova-manage --config-file {dbs.Nova.Config} db purge --before {stamp.Groups[1].Value} --all-cells", steps[1].Command);
        Assert.Equal($"cinder-manage --config-file {dbs.CinderConfig} db purge 30", steps[2].Command);
        Assert.Equal($"glance-manage --config-file {dbs.GlanceConfig} db purge --age_in_days 30 --max_rows -1", steps[3].Command);
        Assert.Equal($"glance-manage --config-file {dbs.GlanceConfig} db purge_images_table --age_in_days 30 --max_rows -1", steps[4].Command);
        Assert.Contains("nova-manage exits 1 when it archived rows", steps[0].What);
        Assert.Contains("exits 3 when it purged none", steps[1].What);

        // Nova: 2 + 4 instances deleted before the cutoff, each with 10 dependent rows (actions and events included).
        long archived = Rows(steps[0].What, "archive");
        Assert.Equal(66, archived);
        Assert.Equal(archived, cells.Sum(c => run.Perf($"{c.Name}_deleted")));
        Assert.Equal(archived, Removed(cells, main: true, steps[0].Command, expectedExit: 1));

        // The shadow rows as nova-manage ages them (actions by created_at, task_log by updated_at), then the archived ones.
        long purged = Rows(steps[1].What, "then purge");
        Assert.Equal(11, run.Perf($"{dbs.Nova.Cell1.Name}_shadow"));
        Assert.Equal(11 + archived, purged);
        Assert.Equal(purged, Removed(cells, main: false, steps[1].Command, expectedExit: 0));

        long cinder = Rows(steps[2].What, "purge");
        Assert.Equal(11, cinder);
        Assert.Equal(cinder, run.Perf($"{dbs.Cinder.Name}_deleted"));
        Assert.Equal(cinder, Removed([dbs.Cinder], main: true, steps[2].Command, expectedExit: 0));

        // Glance: 150 old images with two properties and a location each, 120 old tasks with their task_info; images last.
        long glance = Rows(steps[3].What, "purge");
        long images = Rows(steps[4].What, "then purge");
        Assert.Equal((690, 150), (glance, images));
        Assert.Equal(glance + images, run.Perf($"{dbs.Glance.Name}_deleted"));
        Assert.Equal(glance, Removed([dbs.Glance], main: true, steps[3].Command, expectedExit: 0));
        Assert.Equal(images, Removed([dbs.Glance], main: true, steps[4].Command, expectedExit: 0));

        CheckRun again = Dist.Run(Check, Args);
        Assert.Equal(0, again.ExitCode);
        Assert.All([.. cells, dbs.Cinder, dbs.Glance], db => Assert.Equal(0, again.Perf($"{db.Name}_deleted")));
        Assert.All(cells, db => Assert.Equal(0, again.Perf($"{db.Name}_shadow")));
        Assert.Empty(Steps(again));
    }

    [Fact]
    public void A_user_without_select_on_one_table_gets_one_line_naming_it()
    {
        ScratchDatabase cell0 = dbs.Nova.Cell0;
        (string user, string optionFile) = cell0.CreateUser(cell0.Name, "USAGE");
        string grants = cell0.Scalar($"""
            SELECT GROUP_CONCAT(CONCAT('GRANT SELECT ON `{cell0.Name}`.`', TABLE_NAME, '` TO ''{user}''@''', h.host, '''') SEPARATOR '; ')
            FROM information_schema.TABLES, (SELECT '127.0.0.1' AS host UNION SELECT 'localhost') h
            WHERE TABLE_SCHEMA = '{cell0.Name}' AND TABLE_NAME <> 'instances'
            """);
        ScratchDatabase.Admin(grants);

        CheckRun run = Dist.Run(Check, "-f", optionFile, "-d", $"{cell0.Name}:nova");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"DB_BLOAT UNKNOWN - cannot read table {cell0.Name}.instances: ", run.Text);
        Assert.Contains($"grant SELECT ON `{cell0.Name}`.*", run.Text);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    /// <summary>The long output's cleanup steps: a line saying what the step removes, then the command on its own line.</summary>
    private static List<(string What, string Command)> Steps(CheckRun run)
    {
        IReadOnlyList<string> lines = run.LongOutput;
        return lines.Select((line, i) => (line, i))
            .Where(x => Tool().IsMatch(x.line))
            .Select(x => (lines[x.i - 1].Trim(), x.line.Trim()))
            .ToList();
    }

    private static long Rows(string what, string verb) =>
        Regex.Match(what, $@"(?:^|: ){verb} (\d+) (?:rows?|images)\b") is { Success: true } m
            ? long.Parse(m.Groups[1].Value)
            : throw new InvalidOperationException($"no '{verb} N rows' in: {what}");

    /// <summary>Runs one printed line through bash as it stands; returns how many rows left the main (or shadow) tables of the databases.</summary>
    private static long Removed(ScratchDatabase[] databases, bool main, string line, int expectedExit)
    {
        long before = databases.Sum(d => AllRows(d, main));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(300_000), $"{line} ran longer than 5 minutes");
        Assert.True(expectedExit == process.ExitCode, $"{line} exited {process.ExitCode}: {output.Result}{error.Result}");
        return before - databases.Sum(d => AllRows(d, main));
    }

    /// <summary>Rows in every table of a database but the shadow tables (or only in those).</summary>
    private static long AllRows(ScratchDatabase database, bool main)
    {
        string sum = database.Scalar($"""
            SELECT GROUP_CONCAT(CONCAT('(SELECT COUNT(*) FROM `', TABLE_NAME, '`)') SEPARATOR ' + ') FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME {(main ? "NOT " : "")}LIKE 'shadow\_%'
            """);
        return database.Count($"SELECT {sum}");
    }

    [GeneratedRegex(@"^\s+(nova|cinder|glance)-manage ")]
    private static partial Regex Tool();

    [GeneratedRegex(@" --before (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) ")]
    private static partial Regex Timestamp();
}
