using System.Text.RegularExpressions;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// The fix check_openstack_orphans prints for each orphan allocation, run verbatim against the real
/// placement API: afterwards the orphans are gone from placement's database, the allocations Nova
/// accounts for are still there, and the check and <c>nova-manage placement audit</c> find nothing.
/// A cloud of its own (class fixture): the fix deletes what the other placement tests count.
/// </summary>
public sealed partial class OrphanAllocationFixTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public void The_printed_delete_commands_remove_every_orphan_allocation_and_nothing_else()
    {
        CheckRun before = Run();
        string[] fixes = FixCommand().Matches(before.Stdout).Select(match => match.Groups[1].Value).Distinct().ToArray();

        Assert.Equal(5, before.Perf("orphan_allocations"));
        Assert.Equal(3, fixes.Length); // one per provider holding orphans: cmp1, cmp2, ghost
        foreach (string fix in fixes)
        {
            CheckRun deleted = NovaManage(fix.Split(' ')[1..]);
            Assert.True(deleted.ExitCode == 4, $"{fix}: {deleted}"); // 4: orphans found and deleted
        }

        CheckRun after = Run();
        CheckRun audit = NovaManage(["placement", "audit", "--verbose"]);
        Assert.Equal(0, after.Perf("orphan_allocations"));
        Assert.Equal(0, audit.ExitCode);
        Assert.Equal(0, OnProvider(PlacementCloud.Deleted) + OnProvider(PlacementCloud.Gone) + OnProvider(PlacementCloud.Confirmed) + OnProvider(PlacementCloud.Building));
        // The moved instance keeps its allocation on cmp2, only the one left on cmp1 went; the accounted ones stay.
        Assert.Equal(1, OnProvider(PlacementCloud.Moved));
        Assert.Equal(4, after.Perf("consumers"));
    }

    private CheckRun Run() => Dist.Run("check_openstack_orphans",
        ["-f", cloud.Nova.Api.ReadOnly, "-d", cloud.Nova.Api.Name, "--placement-database", cloud.Placement.Name, "--no-neutron", "--no-cinder", "--list", "100"]);

    private CheckRun NovaManage(string[] args) =>
        Dist.RunProgram("nova-manage", ["--config-file", cloud.NovaConf, .. args], new Dictionary<string, string?>(), TimeSpan.FromMinutes(3));

    /// <summary>How many providers hold an allocation of this consumer, as placement's database says.</summary>
    private long OnProvider(Guid consumer) =>
        cloud.Placement.Count($"SELECT COUNT(DISTINCT resource_provider_id) FROM allocations WHERE consumer_id = '{consumer}'");

    [GeneratedRegex(@"fix: (nova-manage placement audit --resource_provider [0-9a-f-]{36} --delete)")]
    private static partial Regex FixCommand();
}
