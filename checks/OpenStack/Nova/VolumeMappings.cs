using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack.Nova;

/// <summary>
/// A live row of Nova's <c>block_device_mapping</c> whose destination is a Cinder volume:
/// the instance, the volume, the device Nova named and the connection_info (JSON) Nova keeps.
/// </summary>
public sealed record VolumeMapping(Guid Instance, Guid Volume, string? Device, string? ConnectionInfo);

/// <summary>
/// Reads the volumes Nova attaches to instances from a cell database: the hypervisor check compares
/// them with the domains and the iSCSI sessions, stackfsck-remedy re-reads them before a logout.
/// Indexed lookups only (block_device_mapping by instance_uuid): the cell may hold 400,000 mappings.
/// </summary>
public static class VolumeMappings
{
    public static List<VolumeMapping> Read(DatabaseConnection cell, IReadOnlyCollection<Guid> instances)
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
}
