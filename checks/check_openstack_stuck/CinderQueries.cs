using StackFsck.OpenStack.Survey;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>What the Cinder database shows stuck: volumes, snapshots and attachments in a transitional status, and volume services that stopped reporting.</summary>
internal static class CinderQueries
{
    private const string VolumeStatuses = "'creating', 'reserved', 'attaching', 'detaching', 'deleting', 'error_deleting', 'extending', " +
        "'downloading', 'uploading', 'retyping', 'backing-up', 'restoring-backup', 'awaiting-transfer', 'maintenance'";

    private const string SnapshotStatuses = "'creating', 'deleting', 'error_deleting', 'updating', 'unmanaging', 'backing-up', 'restoring'";

    private const string AttachmentStatuses = "'attaching', 'detaching', 'reserved'";

    public static IReadOnlyList<Probe> For(StuckCategories categories, Graces graces) =>
    [
        new(categories.Volumes, "reading the volumes in a transitional status",
            "SELECT id, project_id, host, status, " + Age.SinceChange() + " FROM volumes " +
            $"WHERE deleted = 0 AND status IN ({VolumeStatuses}) AND {Age.ChangedBefore(graces.Volume)} ORDER BY 5 DESC",
            row => row.String(3)!,
            row => Describe.Line($"volume {row.String(0)}", Describe.Text(row, 1), Describe.Text(row, 2), $"status {row.String(3)}", row.Int64(4),
                $"look: openstack volume show {row.String(0)}; {VolumeReset(row.String(3)!, row.String(0)!)}")),
        new(categories.Snapshots, "reading the snapshots in a transitional status",
            "SELECT id, project_id, volume_id, status, " + Age.SinceChange() + " FROM snapshots " +
            $"WHERE deleted = 0 AND status IN ({SnapshotStatuses}) AND {Age.ChangedBefore(graces.Volume)} ORDER BY 5 DESC",
            row => row.String(3)!,
            row => Describe.Line($"snapshot {row.String(0)} of volume {row.String(2)}", Describe.Text(row, 1), null, $"status {row.String(3)}", row.Int64(4),
                $"look: openstack volume snapshot show {row.String(0)}; only once the backend shows the operation over: cinder snapshot-reset-state --state error {row.String(0)}")),
        new(categories.Attachments, "reading the volume attachments in a transitional status",
            "SELECT a.id, a.volume_id, a.instance_uuid, a.attached_host, a.attach_status, v.project_id, " + Age.SinceChange("a.") + " " +
            "FROM volume_attachment a LEFT JOIN volumes v ON v.id = a.volume_id " +
            $"WHERE a.deleted = 0 AND a.attach_status IN ({AttachmentStatuses}) AND {Age.ChangedBefore(graces.Volume, "a.")} ORDER BY 7 DESC",
            row => row.String(4)!,
            row => Describe.Line($"attachment {row.String(0)} of volume {row.String(1)} to instance {row.String(2) ?? "(none)"}", Describe.Text(row, 5), Describe.Text(row, 3),
                $"status {row.String(4)}", row.Int64(6),
                $"look: openstack --os-volume-api-version 3.27 volume attachment show {row.String(0)}")),
        new(categories.Services, "reading the volume services",
            "SELECT `binary`, host, COALESCE(updated_at, created_at), " + Age.SinceChange() + " FROM services " +
            $"WHERE deleted = 0 AND COALESCE(disabled, 0) = 0 AND {Age.OlderThan("COALESCE(updated_at, created_at)", graces.ServiceDown)} ORDER BY 1, 2",
            row => row.String(0)!,
            row => Describe.Line($"{row.String(0)} on {row.String(1)}", null, null, $"last report {Age.Timestamp(row.DateTime(2))}, silent", row.Int64(3),
                $"look: openstack volume service list --host {row.String(1)} --service {row.String(0)}")),
    ];

    /// <summary>
    /// Cinder's documented reset, worded as a last resort: it only rewrites the database. A volume
    /// stuck attaching or detaching goes back to detached only when no server holds it.
    /// </summary>
    private static string VolumeReset(string status, string id) => status is "attaching" or "detaching" or "reserved"
        ? $"only if no server has it attached: cinder reset-state --state available --attach-status detached {id}"
        : $"only once the backend shows the operation over: cinder reset-state --state error {id}";
}
