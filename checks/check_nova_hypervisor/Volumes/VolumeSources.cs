using StackFsck.OpenStack.Nova;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>
/// Reads what Cinder says is attached to the volumes of this hypervisor (Nova's side is
/// <see cref="VolumeMappings"/>). Indexed lookups only (volume_attachment by volume_id).
/// </summary>
internal static class VolumeSources
{
    public static List<CinderAttachment> CinderAttachments(DatabaseConnection cinder, IReadOnlyCollection<Guid> volumes)
    {
        var found = new List<CinderAttachment>();
        if (volumes.Count == 0)
        {
            return found;
        }

        string sql = $"SELECT volume_id, instance_uuid, attach_status FROM volume_attachment WHERE deleted = 0 AND volume_id IN ({Sql.UuidList(volumes)})";
        foreach (DatabaseRow row in cinder.Query(sql, "reading the Cinder attachments of the volumes"))
        {
            if (Guid.TryParse(row.String(0), out Guid volume))
            {
                found.Add(new CinderAttachment(volume, Guid.TryParse(row.String(1), out Guid instance) ? instance : null, row.String(2)));
            }
        }

        return found;
    }
}
