using System.Globalization;

namespace StackFsck.Tests.Database;

/// <summary>check_openstack_db_bloat as Nagios runs it: figures equal direct SQL counts, thresholds, cleanup commands, fast mode, errors.</summary>
public sealed class BloatCheckTests(BloatDatabases dbs) : IClassFixture<BloatDatabases>
{
    private const string Check = "check_openstack_db_bloat";

    /// <summary>The databases named by service (their names are random, so the service is given).</summary>
    private string[] All =>
        ["-f", dbs.Nova.ReadOnly, "-d", $"{dbs.Nova.Name}:nova", "-d", $"{dbs.Cinder.Name}:cinder", "-d", $"{dbs.Glance.Name}:glance", "-d", $"{dbs.NovaApi.Name}:nova_api"];

    private string N => dbs.Nova.Name;
    private string C => dbs.Cinder.Name;
    private string G => dbs.Glance.Name;

    [Fact]
    public void Exact_figures_equal_direct_sql_counts_for_integer_boolean_and_string_deleted_columns()
    {
        CheckRun run = Dist.Run(Check, All);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(NovaDeleted(""), run.Perf($"{N}_deleted"));
        Assert.Equal(dbs.Nova.Count("SELECT (SELECT COUNT(*) FROM instances WHERE deleted = 0) + (SELECT COUNT(*) FROM instance_faults WHERE deleted = 0) + (SELECT COUNT(*) FROM snapshots WHERE deleted = '')"), run.Perf($"{N}_live"));
        Assert.Equal(dbs.Nova.Count("SELECT COUNT(*) FROM shadow_instances"), run.Perf($"{N}_shadow"));
        Assert.Equal(dbs.Cinder.Count("SELECT COUNT(*) FROM volumes WHERE deleted = 1"), run.Perf($"{C}_deleted"));
        Assert.Equal(dbs.Glance.Count("SELECT COUNT(*) FROM images WHERE deleted = 1"), run.Perf($"{G}_deleted"));
        Assert.Equal(0, run.Perf($"{dbs.NovaApi.Name}_deleted"));
        Assert.StartsWith("DB_BLOAT OK - 21 soft-deleted rows, 4 shadow rows, ", run.Text);
        Assert.Equal("MB", run.Perfdata[$"{N}_size"].Unit);
    }

    [Fact]
    public void Older_than_counts_only_what_a_purge_of_that_age_removes_and_words_the_commands()
    {
        CheckRun run = Dist.Run(Check, [.. All, "--older-than", "30"]);
        string before = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(NovaDeleted(" AND deleted_at < UTC_TIMESTAMP() - INTERVAL 30 DAY"), run.Perf($"{N}_deleted"));
        Assert.Equal(dbs.Nova.Count("SELECT COUNT(*) FROM shadow_instances WHERE deleted_at < UTC_TIMESTAMP() - INTERVAL 30 DAY"), run.Perf($"{N}_shadow"));
        Assert.Equal(dbs.Cinder.Count("SELECT COUNT(*) FROM volumes WHERE deleted = 1 AND deleted_at < UTC_TIMESTAMP() - INTERVAL 30 DAY"), run.Perf($"{C}_deleted"));
        Assert.Equal(0, run.Perf($"{G}_deleted"));
        Assert.Contains($"  clean up: nova-manage db archive_deleted_rows --before {before} --until-complete --all-cells", run.LongOutput);
        Assert.Contains($"  then purge the shadow tables: nova-manage db purge --before {before} --all-cells", run.LongOutput);
        Assert.Contains("  clean up: cinder-manage db purge 30", run.LongOutput);
        Assert.DoesNotContain(run.LongOutput, line => line.Contains("glance-manage"));
    }

    [Fact]
    public void The_long_output_lists_the_worst_tables_first_with_every_service_command()
    {
        CheckRun run = Dist.Run(Check, [.. All, "--list", "2"]);
        int header = run.LongOutput.ToList().IndexOf("tables with the most rows to purge:");

        Assert.StartsWith($"  {N}.instances: 8 soft-deleted of 13 rows, oldest deleted ", run.LongOutput[header + 1]);
        Assert.Contains(": 4 soft-deleted of ", run.LongOutput[header + 2]);
        Assert.Equal(header + 3, run.LongOutput.Count);
        Assert.Contains("  clean up: nova-manage db archive_deleted_rows --until-complete --all-cells", run.LongOutput);
        Assert.Contains("  then purge the shadow tables: nova-manage db purge --all --all-cells", run.LongOutput);
        Assert.Contains("  clean up: glance-manage db purge --age_in_days 0", run.LongOutput);
        Assert.Contains("  nova_api deletes rows outright: no soft-deleted rows to purge", run.LongOutput);
    }

    [Theory]
    [InlineData(new[] { "-w", "5", "-c", "20" }, 1, "holds 14 soft-deleted rows (warning 5)")]
    [InlineData(new[] { "-w", "5", "-c", "10" }, 2, "holds 14 soft-deleted rows (critical 10)")]
    [InlineData(new[] { "--warning-shadow", "3" }, 1, "holds 4 shadow rows (warning 3)")]
    [InlineData(new[] { "--critical-size", "0.5" }, 2, "MB (critical 0.5)")]
    [InlineData(new[] { "-w", "100", "--warning-shadow", "10", "--warning-size", "1000" }, 0, "DB_BLOAT OK")]
    public void Thresholds_on_deleted_shadow_and_size_set_the_state(string[] thresholds, int exit, string text)
    {
        CheckRun run = Dist.Run(Check, [.. All, .. thresholds]);

        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(text, run.Text);
    }

    [Fact]
    public void Fast_mode_reads_statistics_says_so_and_reports_sizes()
    {
        dbs.Nova.Execute("ANALYZE TABLE shadow_instances");
        CheckRun run = Dist.Run(Check, [.. All, "--fast"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DB_BLOAT OK - fast mode (table statistics): ", run.Text);
        Assert.False(run.Perfdata.ContainsKey($"{N}_deleted"));
        Assert.Equal(dbs.Nova.Count("SELECT COUNT(*) FROM shadow_instances"), run.Perf($"{N}_shadow"));
        Assert.True(run.Perf($"{N}_size") > 0);
        Assert.Contains("largest tables:", run.LongOutput);
    }

    [Fact]
    public void Fast_mode_refuses_thresholds_it_cannot_judge()
    {
        CheckRun run = Dist.Run(Check, [.. All, "--fast", "-w", "10"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("counted only in exact mode", run.Text);
    }

    [Theory]
    [InlineData("mydb", "cannot tell which service owns database 'mydb'")]
    [InlineData("mydb:oracle", "unknown service 'oracle'")]
    public void A_database_of_unknown_service_is_a_bad_argument(string database, string message)
    {
        CheckRun run = Dist.Run(Check, "-f", dbs.Nova.ReadOnly, "-d", database);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(message, run.Text);
    }

    [Fact]
    public void A_database_the_user_cannot_see_is_unknown()
    {
        CheckRun run = Dist.Run(Check, "-f", dbs.Cinder.ReadOnly, "-d", $"{N}:nova");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"database '{N}' has no tables", run.Text);
    }

    /// <summary>Nova's soft-deleted rows in the filled tables, by direct SQL, with an extra condition.</summary>
    private long NovaDeleted(string and) => dbs.Nova.Count(
        $"SELECT (SELECT COUNT(*) FROM instances WHERE deleted <> 0{and}) + (SELECT COUNT(*) FROM instance_faults WHERE deleted <> 0{and}) + (SELECT COUNT(*) FROM snapshots WHERE deleted <> ''{and})");
}
