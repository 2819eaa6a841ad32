using StackFsck.OpenStack.Nova;
using StackFsck.Checks.NovaHypervisor;
using StackFsck.Libvirt;
using StackFsck.Checks.NovaHypervisor.Volumes;

namespace StackFsck.Tests.Zombies;

/// <summary>Volume disks of the domains against Nova's mappings and Cinder's attachments, on data built in the test.</summary>
public class VolumeAuditTests
{
    private readonly Guid _instance = Guid.NewGuid();

    [Fact]
    public void A_disk_that_Nova_or_Cinder_no_longer_attaches_is_stale_and_says_which()
    {
        Guid fine = Guid.NewGuid(), novaGone = Guid.NewGuid(), cinderGone = Guid.NewGuid(), bothGone = Guid.NewGuid();
        Domain domain = WithVolumes(fine, novaGone, cinderGone, bothGone);

        VolumeAudit audit = Audit(domain, [Mapping(fine), Mapping(cinderGone)],
            [Attachment(fine, "attached"), Attachment(novaGone, "attached"), Attachment(cinderGone, "detached")]);

        Assert.Equal(
            [(novaGone, false, true), (cinderGone, true, false), (bothGone, false, false)],
            audit.Stale.Select(s => (s.Volume, s.InNova, s.InCinder)));
        Assert.Equal(4, audit.VolumeDisks);
        Assert.Empty(audit.Missing);
    }

    [Fact]
    public void A_volume_attached_in_Nova_and_Cinder_but_not_in_the_domain_is_missing_once_Cinder_has_finished()
    {
        Guid lost = Guid.NewGuid(), attaching = Guid.NewGuid();
        VolumeAudit audit = Audit(WithVolumes(), [Mapping(lost), Mapping(attaching)],
            [Attachment(lost, "attached"), Attachment(attaching, "attaching")]);

        Assert.Equal([lost], audit.Missing.Select(m => m.Mapping.Volume));
    }

    [Fact]
    public void Without_Cinder_Nova_alone_decides()
    {
        Guid stale = Guid.NewGuid(), lost = Guid.NewGuid();
        VolumeAudit audit = Audit(WithVolumes(stale), [Mapping(lost)], cinder: null);

        Assert.Equal([stale], audit.Stale.Select(s => s.Volume));
        Assert.Equal([lost], audit.Missing.Select(m => m.Mapping.Volume));
    }

    [Fact]
    public void A_domain_with_a_volume_disk_without_serial_is_not_judged_and_says_why()
    {
        Domain domain = new(_instance, "instance-00000001", DomainState.Running, new DomainDevices(
            [new DomainDisk("vda", null, $"/var/lib/nova/instances/{_instance}/disk", "disk"), new DomainDisk("vdb", null, "/dev/sdz", "disk"),
                new DomainDisk("hda", null, "/tmp/config.iso", "cdrom")],
            []));

        VolumeAudit audit = Audit(domain, [Mapping(Guid.NewGuid())], []);

        Assert.Empty(audit.Missing);
        Assert.Equal([$"domain instance-00000001 ({_instance}): disk vdb (/dev/sdz) has no serial, so its volume cannot be told"], audit.Unjudged);
    }

    [Fact]
    public void Domains_of_deleted_instances_and_of_instances_under_a_task_are_left_to_the_zombie_audit()
    {
        Guid stale = Guid.NewGuid();
        var deleted = new NovaInstance(_instance, "cmp1", true, DateTime.UtcNow, "deleted", null);
        var migrating = new NovaInstance(_instance, "cmp1", false, null, "active", "migrating");

        Assert.Empty(VolumeAudit.Run([WithVolumes(stale)], new Dictionary<Guid, NovaInstance> { [_instance] = deleted }, [], []).Stale);
        Assert.Empty(VolumeAudit.Run([WithVolumes(stale)], new Dictionary<Guid, NovaInstance> { [_instance] = migrating }, [], []).Stale);
    }

    private VolumeAudit Audit(Domain domain, List<VolumeMapping> mappings, List<CinderAttachment>? cinder) => VolumeAudit.Run(
        [domain], new Dictionary<Guid, NovaInstance> { [_instance] = new(_instance, "cmp1", false, null, "active", null) }, mappings, cinder);

    private Domain WithVolumes(params Guid[] volumes) => new(_instance, "instance-00000001", DomainState.Running, new DomainDevices(
        [new DomainDisk("vda", null, $"/var/lib/nova/instances/{_instance}/disk", "disk"),
            .. volumes.Select((v, i) => new DomainDisk($"vd{(char)('b' + i)}", v.ToString(), $"/dev/disk/by-id/{v}", "disk"))],
        []));

    private VolumeMapping Mapping(Guid volume) => new(_instance, volume, "/dev/vdb", null);

    private CinderAttachment Attachment(Guid volume, string status) => new(volume, _instance, status);
}
