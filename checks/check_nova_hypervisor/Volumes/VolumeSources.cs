using StackFsck.Plugin.Database;

namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>
/// Reads what Nova and Cinder say is attached to the instances of this hypervisor. Indexed
/// lookups only (block_device_mapping by instance_uuid, volume_attachment by volume_id): the
/// cell may hold 400,000 mappings.
/// </summary>
internal static class VolumeSources
{
    public static List<VolumeMapping> NovaMappings(DatabaseConnection cell, IReadOnlyCollection<Guid> instances)
    {
        var found = new List<VolumeMapping>();
        if (instances.Count == 0)
        {
            return found;
        }

        string sql = "SELECT instance_uuid, volume_id, device_name, connection_info FROM block_device_mapping " +
            $"WHERE deleted = 0 AND destination_type = 'volume' AND instance_uuid IN ({Sql.UuidList(instances)})";
        foreach (DatabaseRow row in cell.Query(sql, "reading the volume mappings of this host's instances"))
        {
            if (Guid.TryParse(row.String(0), out Guid instance) && Guid.TryParse(row.String(1), out Guid volume))
            {
                found.Add(new VolumeMapping(instance, volume, row.String(2), row.String(3)));
            }
        }

        return found;
    }

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
