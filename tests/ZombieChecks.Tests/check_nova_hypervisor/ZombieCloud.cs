namespace StackFsck.Tests.Zombies;

/// <summary>
/// A nova_api, one cell, a Cinder and a Neutron database (real Zed schemas) shared by the hypervisor check's tests. The
/// cell mapping is a template filled from a nova.conf, as in a real deployment; each test
/// works on a compute host of its own, so tests never see each other's instances.
/// </summary>
public sealed class ZombieCloud : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zombies-cloud");

    public ZombieCloud()
    {
        Databases = new CloudDatabases(("nova_api", "nova_api"), ("cell1", "nova"), ("cinder", "cinder"), ("neutron", "neutron"));
        Databases.Execute("cinder", "INSERT INTO volume_types (id, name, deleted) VALUES ('lvm', 'lvm', 0)");
        Databases.Execute("neutron", "INSERT INTO standardattributes (id, resource_type) VALUES (1, 'networks'); INSERT INTO networks (id, standard_attr_id) VALUES ('net-1', 1)");
        NovaConf = Databases.WriteNovaConf(_dir.FullName);
        Databases.Execute("nova_api", "INSERT INTO cell_mappings (id, uuid, name, database_connection) VALUES " +
            $"(1, '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b', 'cell1', '{Databases.TemplateUrl("cell1")}')");
    }

    public CloudDatabases Databases { get; }

    public string NovaConf { get; }

    /// <summary>A compute host of the cell, mapped in nova_api, with a name no other test uses.</summary>
    public string NewHost()
    {
        string host = $"cmp-{Guid.NewGuid():N}"[..12];
        Databases.Execute("nova_api", $"INSERT INTO host_mappings (cell_id, host) VALUES (1, '{host}')");
        return host;
    }

    /// <summary>Adds instances to the cell: uuid, host, deleted how many minutes ago (null: live), vm_state, task_state.</summary>
    public void AddInstances(params (Guid Uuid, string Host, int? DeletedMinutesAgo, string VmState, string? TaskState)[] instances)
    {
        IEnumerable<string> rows = instances.Select(i =>
            $"('{i.Uuid}', '{i.Host}', {(i.DeletedMinutesAgo is null ? "0" : "1")}, " +
            $"{(i.DeletedMinutesAgo is int ago ? $"UTC_TIMESTAMP() - INTERVAL {ago} MINUTE" : "NULL")}, '{i.VmState}', " +
            $"{(i.TaskState is null ? "NULL" : $"'{i.TaskState}'")})");
        Databases.Execute("cell1", "INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state, task_state) VALUES " +
            string.Join(", ", rows) + "; UPDATE instances SET deleted = id WHERE deleted = 1");
    }

    /// <summary>An instance nova-manage db archive_deleted_rows moved to shadow_instances.</summary>
    public void AddArchived(Guid uuid, string host, int deletedMinutesAgo) => Databases.Execute("cell1",
        "INSERT INTO shadow_instances (uuid, host, deleted, deleted_at, vm_state) " +
        $"VALUES ('{uuid}', '{host}', 1, UTC_TIMESTAMP() - INTERVAL {deletedMinutesAgo} MINUTE, 'deleted')");

    /// <summary>A volume attached in Nova (a live block_device_mapping) and, when <paramref name="cinderStatus"/> is given, in Cinder.</summary>
    public void AttachVolume(Guid instance, Guid volume, string device, string? cinderStatus, string? connectionInfo = null)
    {
        Databases.Execute("cell1", "INSERT INTO block_device_mapping (instance_uuid, volume_id, device_name, source_type, destination_type, " +
            $"connection_info, deleted, uuid) VALUES ('{instance}', '{volume}', '{device}', 'volume', 'volume', " +
            $"{(connectionInfo is null ? "NULL" : $"'{connectionInfo}'")}, 0, UUID())");
        AddCinderAttachment(volume, instance, cinderStatus);
    }

    /// <summary>A Cinder volume and, when <paramref name="status"/> is given, its attachment row to <paramref name="instance"/>.</summary>
    public void AddCinderAttachment(Guid volume, Guid instance, string? status)
    {
        string attachment = status is null ? "" :
            $"; INSERT INTO volume_attachment (id, volume_id, instance_uuid, attach_status, deleted) VALUES (UUID(), '{volume}', '{instance}', '{status}', 0)";
        Databases.Execute("cinder", $"INSERT INTO volumes (id, volume_type_id, status, deleted) VALUES ('{volume}', 'lvm', 'in-use', 0)" + attachment);
    }

    /// <summary>A Neutron compute port of <paramref name="instance"/>, bound to <paramref name="host"/> (ml2_port_bindings) when one is given.</summary>
    public void AddPort(Guid port, string mac, Guid instance, string? host)
    {
        string binding = host is null ? "" :
            $"; INSERT INTO ml2_port_bindings (port_id, host, vif_type, vnic_type, profile, vif_details, status) VALUES ('{port}', '{host}', 'ovs', 'normal', '', '', 'ACTIVE')";
        Databases.Execute("neutron", "INSERT INTO standardattributes (resource_type) VALUES ('ports'); " +
            "INSERT INTO ports (id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id) " +
            $"VALUES ('{port}', 'net-1', '{mac}', 1, 'ACTIVE', '{instance}', 'compute:nova', LAST_INSERT_ID())" + binding);
    }

    public void Dispose()
    {
        Databases.Dispose();
        _dir.Delete(recursive: true);
    }
}
