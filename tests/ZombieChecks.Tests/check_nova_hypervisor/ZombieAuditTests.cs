using StackFsck.OpenStack.Nova;
using StackFsck.Checks.NovaHypervisor;
using StackFsck.Libvirt;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>The hypervisor-against-Nova comparison, category by category, on data built in the test.</summary>
public class ZombieAuditTests
{
    private const string Here = "cmp1";
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Cutoff = Now.AddHours(-1);

    [Fact]
    public void A_domain_of_an_instance_deleted_before_the_grace_period_is_a_zombie()
    {
        Guid old = Guid.NewGuid(), recent = Guid.NewGuid();
        ZombieAudit audit = Audit([Domain(old), Domain(recent)], [],
            [Deleted(old, Now.AddHours(-2)), Deleted(recent, Now.AddMinutes(-10))]);

        Assert.Equal([old], audit.Zombies.Select(z => z.Domain.Uuid));
        Assert.Equal(1, audit.RecentlyDeleted);
        Assert.Empty(audit.Unknown);
    }

    [Fact]
    public void An_instance_Nova_runs_here_without_a_domain_is_missing_unless_a_task_is_under_way()
    {
        Guid lost = Guid.NewGuid(), spawning = Guid.NewGuid(), shelved = Guid.NewGuid(), fine = Guid.NewGuid();
        ZombieAudit audit = Audit([Domain(fine)], [],
            [Live(lost, Here), Live(spawning, Here) with { TaskState = "spawning" },
            Live(shelved, Here) with { VmState = "shelved_offloaded" }, Live(fine, Here)]);

        Assert.Equal([lost], audit.Missing.Select(i => i.Uuid));
        Assert.Equal(2, audit.Expected);
    }

    [Fact]
    public void A_domain_whose_instance_Nova_places_elsewhere_is_misplaced_unless_it_is_migrating()
    {
        Guid moved = Guid.NewGuid(), migrating = Guid.NewGuid();
        ZombieAudit audit = Audit([Domain(moved), Domain(migrating)], [],
            [Live(moved, "cmp2"), Live(migrating, "cmp2") with { TaskState = "migrating" }]);

        Assert.Equal([moved], audit.Misplaced.Select(m => m.Domain.Uuid));
        Assert.Equal("cmp2", audit.Misplaced[0].Instance.Host);
    }

    [Fact]
    public void Host_names_compare_without_case_as_Nova_and_DNS_do()
    {
        Guid uuid = Guid.NewGuid();
        ZombieAudit audit = Audit([Domain(uuid)], [], [Live(uuid, "CMP1")]);

        Assert.Empty(audit.Misplaced);
        Assert.Empty(audit.Missing);
    }

    [Fact]
    public void A_domain_Nova_never_heard_of_is_unknown_unless_its_name_is_ignored()
    {
        Guid stranger = Guid.NewGuid(), appliance = Guid.NewGuid();
        ZombieAudit audit = Audit([Domain(stranger, "instance-0000beef"), Domain(appliance, "backup-appliance")], [], [],
            TextPattern.Parse("^backup-"));

        Assert.Equal([stranger], audit.Unknown.Select(d => d.Uuid));
        Assert.Equal(1, audit.Ignored);
    }

    [Fact]
    public void Directories_of_deleted_or_unknown_instances_are_leftovers_with_their_bytes()
    {
        Guid deleted = Guid.NewGuid(), unknown = Guid.NewGuid(), live = Guid.NewGuid(), recent = Guid.NewGuid();
        ZombieAudit audit = Audit([], [Dir(deleted, 1000), Dir(unknown, 24), Dir(live, 5000), Dir(recent, 7)],
            [Deleted(deleted, Now.AddDays(-3)), Live(live, "cmp2"), Deleted(recent, Now.AddMinutes(-1))]);

        Assert.Equal([deleted, unknown], audit.Leftovers.Select(l => l.Directory.Uuid));
        Assert.Null(audit.Leftovers[1].Instance);
        Assert.Equal(1024, audit.LeftoverBytes);
    }

    [Fact]
    public void An_instance_deleted_without_a_recorded_time_counts_as_deleted_long_ago()
    {
        Guid uuid = Guid.NewGuid();
        ZombieAudit audit = Audit([Domain(uuid)], [], [new NovaInstance(uuid, Here, true, null, "deleted", null)]);

        Assert.Single(audit.Zombies);
    }

    private static ZombieAudit Audit(Domain[] domains, InstanceDirectory[] directories, NovaInstance[] nova, TextPattern? ignore = null) =>
        ZombieAudit.Run(Here, domains, directories, nova.ToDictionary(i => i.Uuid), Cutoff, ignore);

    private static Domain Domain(Guid uuid, string name = "instance-00000001") => new(uuid, name, DomainState.Running);

    private static InstanceDirectory Dir(Guid uuid, long bytes) => new(uuid, "/var/lib/nova/instances/" + uuid, bytes);

    private static NovaInstance Live(Guid uuid, string host) => new(uuid, host, false, null, "active", null);

    private static NovaInstance Deleted(Guid uuid, DateTime at) => new(uuid, Here, true, at, "deleted", null);
}
