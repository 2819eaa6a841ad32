using System.Text.RegularExpressions;

namespace StackFsck.Tests.CloudChecks;

/// <summary>check_openstack_quota_drift as Nagios runs it: the dist binary against tool-made Cinder and Neutron databases, read by a SELECT-only user.</summary>
public sealed partial class QuotaDriftCheckTests(QuotaCloud cloud) : IClassFixture<QuotaCloud>
{
    private const string Check = "check_openstack_quota_drift";

    private static readonly string[] CinderDrift =
    [
        "  project pb snapshots: recorded 2, owns 0; confirm: cinder-manage quota check --project-id pb",
        "  project pb volumes: recorded 3, owns 1; confirm: cinder-manage quota check --project-id pb",
        "  project pc volumes: recorded 4, owns 0; confirm: cinder-manage quota check --project-id pc",
    ];

    private static readonly string[] ReservedDrift =
    [
        "  project pb volumes: reserved 0, reservations hold 1; confirm: cinder-manage quota check --project-id pb",
        "  project pc volumes: reserved 3, reservations hold 0; confirm: cinder-manage quota check --project-id pc",
    ];

    [Fact]
    public void Usages_unlike_what_the_project_owns_are_counted_and_listed_with_their_fix()
    {
        CheckRun run = Dist.Run(Check, cloud.Arguments());

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("OPENSTACK_QUOTA_DRIFT WARNING - 3 Cinder quota usages unlike what the project owns (warning 0); ", run.FirstLine);
        Assert.Equal((3, 2, 1, 2), (run.Perf("cinder_drift"), run.Perf("cinder_reserved_drift"), run.Perf("stale_reservations"), run.Perf("neutron_drift")));
        Assert.Equal("0", run.Perfdata["cinder_reserved_drift"].Warning);
        Assert.Equal("", run.Perfdata["neutron_drift"].Warning);
        Assert.Equal(CinderDrift, run.LongOutput.Where(line => line.Contains(": recorded ") && line.Contains("cinder-manage")).Order(StringComparer.Ordinal));
        Assert.Equal(ReservedDrift, run.LongOutput.Where(line => line.Contains(": reserved ")).Order(StringComparer.Ordinal));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  reservation {QuotaCloud.StaleReservation} of +1 volumes (project pb): expired for 2 h") &&
            line.EndsWith("; cinder-scheduler removes expired reservations every reservation_clean_interval; is it up: openstack volume service list --service cinder-scheduler"));
        Assert.Contains("  project pa port: recorded 5, owns 3; no command resyncs it: Neutron recounts a usage only once it is marked dirty", run.LongOutput);
        Assert.Contains("  project pb router: recorded 2, owns 0; no command resyncs it: Neutron recounts a usage only once it is marked dirty", run.LongOutput);
        Assert.DoesNotContain("project pa", string.Join('\n', run.LongOutput.Where(line => !line.Contains(" port:"))));
        Assert.DoesNotContain("project pc port", run.Stdout);
        Assert.DoesNotContain(QuotaCloud.DeletedReservation, run.Stdout);
        Assert.DoesNotContain(QuotaCloud.LiveReservation, run.Stdout);
        Assert.DoesNotContain(QuotaCloud.ReleasingReservation, run.Stdout);
    }

    [Fact]
    public void The_cinder_drift_and_reserved_drift_are_what_cinder_manage_quota_check_finds()
    {
        CheckRun run = Dist.Run(Check, [.. cloud.Arguments(), "--no-neutron", "--list", "100"]);
        // Without --project-id, Zed's cinder-manage fails on Debian's SQLAlchemy 2 (a textual column in its project list): one run per project with usages.
        CheckRun[] manage = [.. new[] { "pa", "pb", "pc" }.AsParallel().AsOrdered()
            .Select(project => Dist.RunProgram("cinder-manage", ["quota", "check", "--project-id", project], cloud.CinderManageEnvironment(), TimeSpan.FromMinutes(3)))];

        Assert.All(manage, m => Assert.True(m.ExitCode == 0, m.ToString()));
        string[] checks = [.. run.LongOutput.Select(line => DriftLine().Match(line)).Where(m => m.Success).Select(m => $"{m.Groups[1]} {m.Groups[2]} {m.Groups[3]} {m.Groups[4]}")];
        string[] reserved = [.. run.LongOutput.Select(line => ReservedLine().Match(line)).Where(m => m.Success).Select(m => $"{m.Groups[1]} {m.Groups[2]} {m.Groups[3]} {m.Groups[4]}")];
        Assert.Equal(manage.SelectMany(m => InvalidUsages(m.Stdout)).Order(StringComparer.Ordinal), checks.Order(StringComparer.Ordinal));
        Assert.Equal(manage.SelectMany(m => InvalidUsages(m.Stdout, "reserved")).Order(StringComparer.Ordinal), reserved.Order(StringComparer.Ordinal));
        Assert.Equal((3, 2), (checks.Length, reserved.Length));
    }

    [Fact]
    public void The_printed_confirm_command_run_verbatim_shows_the_same_drift_of_that_project()
    {
        string command = Dist.Run(Check, [.. cloud.Arguments(), "--no-neutron"]).LongOutput
            .Where(line => line.Contains("; confirm: ")).Select(line => line[(line.IndexOf("; confirm: ", StringComparison.Ordinal) + 11)..]).First(line => line.EndsWith(" pb"));
        string[] words = command.Split(' ');

        CheckRun confirm = Dist.RunProgram(words[0], words[1..], cloud.CinderManageEnvironment(), TimeSpan.FromMinutes(3));

        Assert.True(confirm.ExitCode == 0, confirm.ToString());
        Assert.Equal(["pb snapshots 2 0", "pb volumes 3 1"], InvalidUsages(confirm.Stdout));
    }

    [Fact]
    public void Without_snapshot_gigabytes_the_volumes_alone_are_compared()
    {
        CheckRun run = Dist.Run(Check, [.. cloud.Arguments(), "--no-snapshot-gb-quota"]);

        Assert.Equal(5, run.Perf("cinder_drift"));
        Assert.Contains("  project pa gigabytes: recorded 35, owns 30; confirm: cinder-manage quota check --project-id pa", run.LongOutput);
        Assert.Contains("  project pa gigabytes_lvm: recorded 35, owns 30; confirm: cinder-manage quota check --project-id pa", run.LongOutput);
    }

    [Fact]
    public void Each_count_has_its_own_thresholds_and_the_quiet_case_says_what_was_compared()
    {
        CheckRun critical = Dist.Run(Check, [.. cloud.Arguments(), "--warning-neutron-drift", "0", "--critical-neutron-drift", "1"]);
        CheckRun quiet = Dist.Run(Check, [.. cloud.Arguments(), "--warning-cinder-drift", "~:", "--warning-cinder-reserved-drift", "~:", "--warning-stale-reservations", "~:"]);

        Assert.Equal(2, critical.ExitCode);
        Assert.StartsWith("OPENSTACK_QUOTA_DRIFT CRITICAL - 2 Neutron quota usages unlike what the project owns (critical 1); ", critical.FirstLine);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("OPENSTACK_QUOTA_DRIFT OK - quota usages and reservations of Cinder and Neutron within their thresholds", quiet.Text);
    }

    [Fact]
    public void A_missing_database_is_an_unknown_named_among_the_other_counts()
    {
        CheckRun run = Dist.Run(Check, cloud.Arguments(("--neutron-database", "t_absent")));
        CheckRun none = Dist.Run(Check, [.. cloud.Arguments(("--cinder-database", "t_absent")), "--no-neutron"]);
        CheckRun nothing = Dist.Run(Check, [.. cloud.Arguments(), "--no-cinder", "--no-neutron"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("access denied to neutron database (t_absent on ", run.FirstLine);
        Assert.Null(run.Perfdata["neutron_drift"].Value);
        Assert.Equal(3, run.Perf("cinder_drift"));
        Assert.Equal(3, none.ExitCode);
        Assert.StartsWith("OPENSTACK_QUOTA_DRIFT UNKNOWN - access denied to cinder database (t_absent on ", none.FirstLine);
        Assert.Equal((3, "OPENSTACK_QUOTA_DRIFT UNKNOWN - --no-cinder and --no-neutron leave nothing to compare"), (nothing.ExitCode, nothing.FirstLine));
    }

    [Fact]
    public void A_table_an_older_release_lacks_is_named_and_only_its_count_is_unknown()
    {
        using ScratchDatabase oldCinder = ServiceTools.Copy("quotaoldcinder", "cinder");
        oldCinder.Execute("SET FOREIGN_KEY_CHECKS = 0; DROP TABLE reservations");
        cloud.Cinder.GrantSelectOn(oldCinder);

        CheckRun run = Dist.Run(Check, cloud.Arguments(("--cinder-database", oldCinder.Name)));

        Assert.Contains($"missing table while reading the expired Cinder reservations on cinder database: Table '{oldCinder.Name}.reservations' doesn't exist", run.FirstLine);
        Assert.Contains($"missing table while comparing the Cinder quota usages' reserved with their reservations on cinder database: Table '{oldCinder.Name}.reservations' doesn't exist", run.Stdout);
        Assert.Null(run.Perfdata["stale_reservations"].Value);
        Assert.Null(run.Perfdata["cinder_reserved_drift"].Value);
        Assert.Equal((0, 2), (run.Perf("cinder_drift"), run.Perf("neutron_drift")));
    }

    [Fact]
    public void The_printed_look_command_is_one_the_installed_client_accepts()
    {
        CheckRun run = Dist.Run(Check, cloud.Arguments());

        OperatorCommands.AssertAccepted(Assert.Single(OperatorCommands.In(run.LongOutput)));
    }

    /// <summary>cinder-manage's "\tRESOURCE: invalid usage saved=N actual=N" lines (or the <paramref name="kind"/> given), each under its "Processing quota usage for project P".</summary>
    private static IEnumerable<string> InvalidUsages(string output, string kind = "usage")
    {
        string project = "";
        List<string> found = [];
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("Processing quota usage for project ", StringComparison.Ordinal))
            {
                project = line["Processing quota usage for project ".Length..].Trim();
            }
            else if (InvalidUsage().Match(line) is { Success: true } m && m.Groups[2].Value == kind)
            {
                found.Add($"{project} {m.Groups[1]} {m.Groups[3]} {m.Groups[4]}");
            }
        }

        return found.Order(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\t(\S+): invalid (usage|reserved) saved=(-?\d+) actual=(-?\d+)")]
    private static partial Regex InvalidUsage();

    [GeneratedRegex(@"^  project (\S+) (\S+): recorded (-?\d+), owns (-?\d+); confirm: cinder-manage")]
    private static partial Regex DriftLine();

    [GeneratedRegex(@"^  project (\S+) (\S+): reserved (-?\d+), reservations hold (-?\d+); confirm: cinder-manage")]
    private static partial Regex ReservedLine();
}
