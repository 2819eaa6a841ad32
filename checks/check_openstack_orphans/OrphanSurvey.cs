using StackFsck.Plugin;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// Judges Neutron ports and Cinder attachments, one row at a time as they stream from the
/// databases, against the <see cref="InstanceIndex"/>: a set lookup per row, no query per row.
/// </summary>
internal sealed class OrphanSurvey(InstanceIndex instances, int keep)
{
    private readonly HashSet<string> _orphanVolumes = [];

    public Findings Ports { get; } = new(keep);
    public Findings Attachments { get; } = new(keep);
    public Findings Volumes { get; } = new(keep);
    public Findings Unmapped { get; } = new(keep);
    public Findings StaleMappings { get; } = new(keep);

    public int ComputePorts { get; private set; }
    public int LiveAttachments { get; private set; }
    public int Mappings { get; private set; }

    /// <summary>A port owned by <c>compute:*</c>: an orphan unless its device is a live instance.</summary>
    public void AddPort(string portId, string deviceId)
    {
        ComputePorts++;
        InstanceState state = Guid.TryParse(deviceId, out Guid uuid) ? instances.StateOf(uuid) : InstanceState.Missing;
        if (state != InstanceState.Live)
        {
            Ports.Add(() => $"port {portId}: device {Shown(deviceId)} is {Word(state)}; remove: openstack port delete {portId}");
        }
    }

    /// <summary>A Cinder attachment not deleted: an orphan unless its instance is live.</summary>
    public void AddAttachment(string attachmentId, string volumeId, string instanceUuid)
    {
        LiveAttachments++;
        InstanceState state = Guid.TryParse(instanceUuid, out Guid uuid) ? instances.StateOf(uuid) : InstanceState.Missing;
        if (state == InstanceState.Live)
        {
            return;
        }

        Attachments.Add(() => $"attachment {attachmentId} of volume {volumeId}: instance {instanceUuid} is {Word(state)}; " +
            $"remove: openstack --os-volume-api-version 3.27 volume attachment delete {attachmentId}");
        if (_orphanVolumes.Add(volumeId))
        {
            Volumes.Add(() => $"volume {volumeId}: attached to instance {instanceUuid}, which is {Word(state)}; look: openstack volume show {volumeId}");
        }
    }

    /// <summary>An instance mapping that places an instance in a cell: stale when no cell holds the instance.</summary>
    public void AddMapping(Guid instanceUuid)
    {
        Mappings++;
        if (!instances.Map(instanceUuid))
        {
            StaleMappings.Add(() => $"mapping of {instanceUuid}: no cell holds the instance; look: nova-manage cell_v2 verify_instance --uuid {instanceUuid}");
        }
    }

    /// <summary>Once every mapping is read: live instances that nova_api cannot find.</summary>
    public void FindUnmapped()
    {
        foreach ((Guid uuid, string cell) in instances.Unmapped())
        {
            Unmapped.Add(() => $"instance {uuid}: no instance mapping; fix: nova-manage cell_v2 map_instances --cell_uuid {cell}");
        }
    }

    private static string Word(InstanceState state) => state == InstanceState.Deleted ? "deleted" : "in no cell";

    private static string Shown(string deviceId) => deviceId.Length == 0 ? "(empty)" : deviceId;
}
