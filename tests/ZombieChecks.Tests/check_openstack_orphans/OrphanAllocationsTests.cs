using System.Text.RegularExpressions;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// check_openstack_orphans' placement counts against databases made by Zed's tools, compared with
/// what <c>nova-manage placement audit --verbose</c> finds through the real placement API.
/// </summary>
public sealed partial class OrphanAllocationsTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    private const string Check = "check_openstack_orphans";

    [Fact]
    public void The_check_finds_the_orphan_allocations_nova_manage_placement_audit_finds()
    {
        CheckRun audit = Dist.RunProgram("nova-manage", ["--config-file", cloud.NovaConf, "placement", "audit", "--verbose"],
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(3));
        CheckRun run = Run("--list", "100");

        Assert.Equal(3, audit.ExitCode);
        var audited = AuditPairs().Matches(audit.Stdout).Select(match => (match.Groups[1].Value, match.Groups[2].Value)).ToHashSet();
        var found = CheckPairs().Matches(run.Stdout).Select(match => (match.Groups[1].Value, match.Groups[2].Value)).ToHashSet();
        Assert.Equal(5, audited.Count);
        Assert.Equal(audited.OrderBy(pair => pair), found.OrderBy(pair => pair));
        Assert.Equal(5, run.Perf("orphan_allocations"));
    }

    [Fact]
    public void Each_orphan_allocation_is_named_with_its_resources_and_the_audit_commands()
    {
        CheckRun run = Run("--list", "100");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"  consumer {PlacementCloud.Deleted} on provider cmp1.example ({PlacementCloud.Cmp1}): VCPU=1, MEMORY_MB=512, DISK_GB=1; " +
            $"its instance is deleted; confirm: nova-manage placement audit --resource_provider {PlacementCloud.Cmp1} --verbose; " +
            $"fix: nova-manage placement audit --resource_provider {PlacementCloud.Cmp1} --delete", run.LongOutput);
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  consumer {PlacementCloud.Moved} on provider cmp1.example ({PlacementCloud.Cmp1}): VCPU=2; its instance is live but not on cmp1;"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  consumer {PlacementCloud.Gone} on provider cmp2.example ({PlacementCloud.Cmp2}): ") &&
            line.Contains("; no instance or migration in progress has this uuid;"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  consumer {PlacementCloud.Building} on provider ghost.example ({PlacementCloud.Ghost}): ") &&
            line.Contains("; no cell has a compute node for this provider;"));
        foreach (Guid accounted in new[] { PlacementCloud.Live, PlacementCloud.Running, PlacementCloud.Licence })
        {
            Assert.DoesNotContain($"consumer {accounted}", run.Stdout);
        }

        Assert.Equal(8, run.Perf("consumers"));
    }

    [Fact]
    public void Live_scheduled_instances_without_an_allocation_are_named_with_the_heal_command()
    {
        CheckRun run = Run();

        Assert.Equal(1, run.Perf("missing_allocations"));
        Assert.Contains($"  instance {PlacementCloud.Unallocated} on cmp1: no allocation in placement; fix: nova-manage placement heal_allocations --instance {PlacementCloud.Unallocated}", run.LongOutput);
        Assert.DoesNotContain(run.LongOutput, line => line.Contains("no allocation in placement") &&
            (line.Contains(PlacementCloud.Shelved.ToString()) || line.Contains(PlacementCloud.Building.ToString())));
    }

    [Fact]
    public void The_printed_nova_manage_commands_are_ones_nova_manage_accepts()
    {
        CheckRun run = Run();
        string confirm = ConfirmCommand().Match(run.Stdout).Groups[1].Value;

        CheckRun audit = Dist.RunProgram("nova-manage", ["--config-file", cloud.NovaConf, .. confirm.Split(' ')[1..]],
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(3));
        CheckRun heal = Dist.RunProgram("nova-manage", ["placement", "heal_allocations", "--help"], new Dictionary<string, string?>());

        Assert.Equal(3, audit.ExitCode);
        Assert.Contains("can be deleted", audit.Stdout);
        Assert.Contains("--instance <instance_uuid>", heal.Stdout);
    }

    [Fact]
    public void No_placement_leaves_the_placement_counts_out()
    {
        CheckRun run = Run("--no-placement");

        Assert.False(run.Perfdata.ContainsKey("orphan_allocations") || run.Perfdata.ContainsKey("missing_allocations"), run.Stdout);
    }

    private CheckRun Run(params string[] more) => Dist.Run(Check,
        ["-f", cloud.Nova.Api.ReadOnly, "-d", cloud.Nova.Api.Name, "--placement-database", cloud.Placement.Name, "--no-neutron", "--no-cinder", .. more]);

    [GeneratedRegex(@"Allocations for consumer UUID ([0-9a-f-]{36}) on Resource Provider ([0-9a-f-]{36}) can be deleted")]
    private static partial Regex AuditPairs();

    [GeneratedRegex(@"consumer ([0-9a-f-]{36}) on provider \S+ \(([0-9a-f-]{36})\)")]
    private static partial Regex CheckPairs();

    [GeneratedRegex(@"confirm: (nova-manage placement audit --resource_provider [0-9a-f-]{36} --verbose)")]
    private static partial Regex ConfirmCommand();
}
