using System.Text.RegularExpressions;

namespace StackFsck.Tests.CloudChecks;

/// <summary>check_openstack_stuck as Nagios runs it: the dist binary against a cloud's tool-made databases, read by a SELECT-only user.</summary>
public sealed class StuckCheckTests(StuckCloud cloud) : IClassFixture<StuckCloud>
{
    private const string Check = "check_openstack_stuck";

    /// <summary>Longer graces than every stuck row but the queued image (a fixed day) and the instance never updated (4 h).</summary>
    private static readonly string[] LongGraces =
        ["--instance-grace", "3h", "--migration-grace", "4h", "--resize-grace", "2d", "--volume-grace", "4h", "--image-grace", "8h", "--service-down-time", "1h"];

    [Fact]
    public void Every_category_counts_what_is_past_its_grace_and_lists_it_with_its_remedy()
    {
        CheckRun run = Run();

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("OPENSTACK_STUCK WARNING - 3 instances in a task for over 1 h (warning 0); ", run.FirstLine);
        Assert.Equal((3, 1, 1, 1), (run.Perf("stuck_instances"), run.Perf("error_instances"), run.Perf("stuck_migrations"), run.Perf("unconfirmed_resizes")));
        Assert.Equal((2, 1, 1), (run.Perf("stuck_volumes"), run.Perf("stuck_snapshots"), run.Perf("stuck_attachments")));
        Assert.Equal((1, 2, 3), (run.Perf("failed_bindings"), run.Perf("stuck_images"), run.Perf("down_services")));
        Assert.Contains("3 instances in a task for over 1 h (scheduling 1, spawning 2):", run.LongOutput);
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  instance {StuckCloud.Spawning1} (project p1, host cmp1): task spawning for ", "2 h") &&
            line.EndsWith($"; look: openstack server show {StuckCloud.Spawning1}; only if the hypervisor shows the guest running: nova reset-state --active {StuckCloud.Spawning1}"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  instance {StuckCloud.Scheduling} (project p2): task scheduling for ", "4 h"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  instance {StuckCloud.Errored} (project p-err): in error for ", "[0-9]+ min"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  live-migration {StuckCloud.RunningMigration} of instance {StuckCloud.Active} (project p1, host cmp1 to cmp2): status running for ", "3 h") &&
            line.EndsWith($"; look: openstack server migration list --server {StuckCloud.Active}"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  resize of instance {StuckCloud.ResizedOld} (project p3, host cmp2): waiting for confirmation for ", "1 d 6 h") &&
            line.Contains($"; confirm: openstack server resize confirm {StuckCloud.ResizedOld}"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  volume {StuckCloud.AttachingVolume} (project p1, host vol1@lvm#lvm): status attaching for ", "2 h") &&
            line.EndsWith($"cinder reset-state --state available --attach-status detached {StuckCloud.AttachingVolume}"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  volume {StuckCloud.ErrorDeletingVolume} ") && line.EndsWith($"cinder reset-state --state error {StuckCloud.ErrorDeletingVolume}"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  snapshot {StuckCloud.StuckSnapshot} of volume {StuckCloud.AvailableVolume} (project p1): status creating for ", "2 h"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  attachment {StuckCloud.StuckAttachment} of volume {StuckCloud.AttachingVolume} to instance {StuckCloud.Active} (project p1): status reserved for ", "2 h"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  port {StuckCloud.FailedPort} (compute:nova) (project p1, host cmp1): binding failed for ", "2 h") &&
            line.EndsWith($"; look: openstack port show {StuckCloud.FailedPort}; is the agent on its host alive: openstack network agent list --host cmp1"));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  image {StuckCloud.SavingImage} (project p1): status saving for ", "7 h"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  image {StuckCloud.QueuedImage} (project p2): status queued for 2 d;"));
        Assert.Contains(run.LongOutput, line => line.StartsWith("  nova-compute on cmp-down: last report ") && line.EndsWith("; look: openstack compute service list --host cmp-down --service nova-compute"));
        Assert.Contains(run.LongOutput, line => line.StartsWith("  nova-conductor on ctl-new: last report ") && Regex.IsMatch(line, "silent for [0-9]+ min;"));
        Assert.Contains(run.LongOutput, line => line.StartsWith("  cinder-volume on vol-down@lvm: ") && line.EndsWith("openstack volume service list --host vol-down@lvm --service cinder-volume"));
        foreach (string quiet in new[]
        {
            StuckCloud.FreshTask, StuckCloud.DeletedTask, StuckCloud.FreshMigration, StuckCloud.DoneMigration, StuckCloud.ResizedFresh, StuckCloud.FreshVolume,
            StuckCloud.DeletedVolume, StuckCloud.FreshSnapshot, StuckCloud.FreshAttachment, StuckCloud.Attached, StuckCloud.BoundPort, StuckCloud.FreshSavingImage,
            StuckCloud.FreshQueuedImage, StuckCloud.ActiveImage, "cmp-up", "cmp-disabled", "cmp-forced", "api1", "ctl1", "vol-off",
        })
        {
            Assert.DoesNotContain(quiet, run.Stdout);
        }
    }

    [Fact]
    public void Longer_graces_leave_out_what_is_younger_than_them()
    {
        CheckRun run = Run(LongGraces);

        Assert.Equal((1, 1, 0, 0), (run.Perf("stuck_instances"), run.Perf("error_instances"), run.Perf("stuck_migrations"), run.Perf("unconfirmed_resizes")));
        Assert.Equal((0, 0, 0), (run.Perf("stuck_volumes"), run.Perf("stuck_snapshots"), run.Perf("stuck_attachments")));
        Assert.Equal((1, 1, 0), (run.Perf("failed_bindings"), run.Perf("stuck_images"), run.Perf("down_services")));
        Assert.Contains("1 instances in a task for over 3 h (scheduling 1):", run.LongOutput);
        Assert.DoesNotContain(StuckCloud.Spawning1, run.Stdout);
        Assert.Contains(StuckCloud.QueuedImage, run.Stdout);
    }

    [Fact]
    public void Ages_are_measured_by_the_database_servers_clock_not_the_monitoring_hosts()
    {
        cloud.ReportServicesUp();
        CheckRun run = Dist.RunProgram("faketime", ["-f", "+3d", Dist.PathOf(Check), .. cloud.Arguments()], new Dictionary<string, string?>());

        Assert.Equal((3, 2, 2, 3), (run.Perf("stuck_instances"), run.Perf("stuck_migrations") + run.Perf("unconfirmed_resizes"), run.Perf("stuck_volumes"), run.Perf("down_services")));
        Assert.Contains(run.LongOutput, line => HasAge(line, $"  instance {StuckCloud.Spawning1} (project p1, host cmp1): task spawning for ", "2 h"));
    }

    [Fact]
    public void Each_count_has_its_own_thresholds()
    {
        CheckRun critical = Run("--critical-down-services", "2");
        CheckRun quiet = Run([.. LongGraces, "--warning-stuck-instances", "1", "--warning-failed-bindings", "~:", "--warning-stuck-images", "1"]);

        Assert.Equal(2, critical.ExitCode);
        Assert.StartsWith("OPENSTACK_STUCK CRITICAL - 3 services silent for over 1 min (critical 2); ", critical.FirstLine);
        Assert.Equal("0;2;0", $"{critical.Perfdata["down_services"].Warning};{critical.Perfdata["down_services"].Critical};{critical.Perfdata["down_services"].Min}");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("OPENSTACK_STUCK OK - nothing stuck or down in 2 Nova cells, Cinder, Neutron, Glance", quiet.Text);
    }

    [Fact]
    public void The_long_output_lists_at_most_list_resources_per_state()
    {
        CheckRun run = Run("--list", "1");

        Assert.Contains("  ... and 1 more spawning", run.LongOutput);
        Assert.Equal(1, run.LongOutput.Count(line => line.StartsWith("  instance ") && line.Contains("task spawning")));
        Assert.Equal(3, run.Perf("stuck_instances"));
    }

    [Fact]
    public void A_service_left_out_is_neither_read_nor_reported()
    {
        CheckRun run = RunOn([("--cinder-database", "t_absent"), ("--neutron-database", "t_absent"), ("--glance-database", "t_absent")],
            "--no-cinder", "--no-neutron", "--no-glance");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("t_absent", run.Stdout);
        Assert.False(run.Perfdata.ContainsKey("stuck_volumes") || run.Perfdata.ContainsKey("failed_bindings") || run.Perfdata.ContainsKey("stuck_images"), run.Stdout);
        Assert.Equal((3, 2), (run.Perf("stuck_instances"), run.Perf("down_services")));
    }

    [Fact]
    public void A_missing_database_is_an_unknown_named_among_the_other_counts()
    {
        CheckRun noGlance = RunOn([("--glance-database", "t_absent")]);
        CheckRun noApi = RunOn([("-d", "t_absent_api")]);

        Assert.Equal(1, noGlance.ExitCode);
        // The server tells a user with no grant on a database nothing of whether it exists.
        Assert.Contains("access denied to glance database (t_absent on ", noGlance.FirstLine);
        Assert.Contains("the database does not exist or the user has no grant on it", noGlance.FirstLine);
        Assert.Null(noGlance.Perfdata["stuck_images"].Value);
        Assert.Equal((3, 2), (noGlance.Perf("stuck_instances"), noGlance.Perf("stuck_volumes")));

        Assert.Equal(1, noApi.ExitCode);
        Assert.Contains("access denied to nova_api database (t_absent_api on ", noApi.FirstLine);
        Assert.Null(noApi.Perfdata["stuck_instances"].Value);
        Assert.Equal((2, 1), (noApi.Perf("stuck_volumes"), noApi.Perf("down_services")));
    }

    [Fact]
    public void Nothing_but_unreadable_databases_is_unknown()
    {
        CheckRun run = RunOn([("-d", "t_absent_api")], "--no-cinder", "--no-neutron", "--no-glance");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("OPENSTACK_STUCK UNKNOWN - access denied to nova_api database (t_absent_api on ", run.FirstLine);
    }

    [Fact]
    public void A_table_an_older_release_lacks_is_named_and_only_its_count_is_unknown()
    {
        using ScratchDatabase oldCinder = ServiceTools.Copy("stuckoldcinder", "cinder");
        oldCinder.Execute("SET FOREIGN_KEY_CHECKS = 0; DROP TABLE volume_attachment");
        cloud.Nova.Api.GrantSelectOn(oldCinder);

        CheckRun run = RunOn([("--cinder-database", oldCinder.Name)]);

        Assert.Contains($"missing table while reading the volume attachments in a transitional status on cinder database: Table '{oldCinder.Name}.volume_attachment' doesn't exist", run.FirstLine);
        Assert.Null(run.Perfdata["stuck_attachments"].Value);
        Assert.Equal((0, 0), (run.Perf("stuck_volumes"), run.Perf("stuck_snapshots")));
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Every_command_printed_is_one_the_installed_clients_accept()
    {
        CheckRun run = Run("--list", "100");

        string[] commands = [.. OperatorCommands.In(run.LongOutput)];

        string[] kinds =
        [
            "openstack server show ", "nova reset-state --active ", "openstack server migration list --server ", "openstack server resize confirm ",
            "openstack server resize revert ", "openstack compute service list --host ", "openstack volume show ",
            "cinder reset-state --state available --attach-status detached ", "cinder reset-state --state error ", "openstack volume snapshot show ",
            "cinder snapshot-reset-state --state error ", "openstack --os-volume-api-version 3.27 volume attachment show ", "openstack volume service list --host ",
            "openstack port show ", "openstack network agent list --host ", "openstack image show ",
        ];
        // One of each kind: a client takes seconds to start.
        string[] examples = [.. kinds.Select(kind => commands.FirstOrDefault(command => command.StartsWith(kind)) ?? throw new Xunit.Sdk.XunitException($"no '{kind}...' in {run}"))];
        Parallel.ForEach(examples, new ParallelOptions { MaxDegreeOfParallelism = 4 }, OperatorCommands.AssertAccepted);
    }

    private CheckRun Run(params string[] args) => RunOn([], args);

    private CheckRun RunOn((string Option, string Name)[] databases, params string[] args)
    {
        cloud.ReportServicesUp();
        return Dist.Run(Check, [.. cloud.Arguments(databases), .. args]);
    }

    /// <summary>An age as the check words it, which grows by the minutes the test class has run since the rows were made.</summary>
    private static bool HasAge(string line, string start, string age) =>
        line.StartsWith(start) && Regex.IsMatch(line[start.Length..], $"^{age}( [0-9]+ min)?;");
}
