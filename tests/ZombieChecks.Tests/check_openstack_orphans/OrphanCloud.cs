namespace StackFsck.Tests.Zombies;

/// <summary>
/// A whole cloud's databases (nova_api, cell0, cell1, neutron, cinder; real Zed schemas) holding
/// one orphan of every kind and the healthy rows around them, for check_openstack_orphans.
/// </summary>
public sealed class OrphanCloud : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("orphans-cloud");

    public OrphanCloud()
    {
        Databases = new CloudDatabases(("nova_api", "nova_api"), ("cell0", "nova"), ("cell1", "nova"), ("neutron", "neutron"), ("cinder", "cinder"));
        NovaConf = Databases.WriteNovaConf(_dir.FullName);
        FillNova();
        FillNeutron();
        FillCinder();
    }

    public static readonly Guid Scheduling = Guid.NewGuid(), Live1 = Guid.NewGuid(), Live2 = Guid.NewGuid(), Deleted = Guid.NewGuid();
    public static readonly Guid Unmapped = Guid.NewGuid(), Stale = Guid.NewGuid(), Building = Guid.NewGuid(), Gone = Guid.NewGuid();
    public const string Cell1Uuid = "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    public CloudDatabases Databases { get; }
    public string NovaConf { get; }

    public void Dispose()
    {
        Databases.Dispose();
        _dir.Delete(recursive: true);
    }

    /// <summary>cell0 holds an instance that failed to schedule; cell1 two live, one soft-deleted and one unmapped instance.</summary>
    private void FillNova()
    {
        Databases.Execute("nova_api", "INSERT INTO cell_mappings (id, uuid, name, database_connection) VALUES " +
            $"(1, '00000000-0000-0000-0000-000000000000', 'cell0', '{Databases.TemplateUrl("cell0")}'), " +
            $"(2, '{Cell1Uuid}', 'cell1', '{Databases.TemplateUrl("cell1")}');" +
            "INSERT INTO instance_mappings (instance_uuid, cell_id, project_id) VALUES " +
            $"('{Scheduling}', 1, 'p'), ('{Live1}', 2, 'p'), ('{Live2}', 2, 'p'), ('{Deleted}', 2, 'p'), ('{Stale}', 2, 'p'), ('{Building}', NULL, 'p')");
        Databases.Execute("cell0", $"INSERT INTO instances (uuid, deleted, vm_state) VALUES ('{Scheduling}', 0, 'error')");
        Databases.Execute("cell1", "INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state) VALUES " +
            $"('{Live1}', 'cmp1', 0, NULL, 'active'), ('{Live2}', 'cmp2', 0, NULL, 'active'), " +
            $"('{Deleted}', 'cmp1', 3, UTC_TIMESTAMP(), 'deleted'), ('{Unmapped}', 'cmp2', 0, NULL, 'active')");
    }

    /// <summary>Compute ports of a live, a deleted and a never-known instance, one with no device, and a router port.</summary>
    private void FillNeutron()
    {
        Databases.Execute("neutron", "INSERT INTO standardattributes (id, resource_type) VALUES (1, 'networks'), (2, 'ports'), (3, 'ports'), (4, 'ports'), (5, 'ports'), (6, 'ports');" +
            "INSERT INTO networks (id, standard_attr_id) VALUES ('net-1', 1);" +
            "INSERT INTO ports (id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id) VALUES " +
            $"('port-live', 'net-1', 'fa:16:3e:00:00:01', 1, 'ACTIVE', '{Live1}', 'compute:nova', 2), " +
            $"('port-deleted', 'net-1', 'fa:16:3e:00:00:02', 1, 'ACTIVE', '{Deleted}', 'compute:nova', 3), " +
            $"('port-gone', 'net-1', 'fa:16:3e:00:00:03', 1, 'DOWN', '{Gone}', 'compute:az2', 4), " +
            "('port-nodevice', 'net-1', 'fa:16:3e:00:00:04', 1, 'DOWN', '', 'compute:nova', 5), " +
            $"('port-router', 'net-1', 'fa:16:3e:00:00:05', 1, 'ACTIVE', '{Gone}', 'network:router_interface', 6)");
    }

    /// <summary>Attachments to a live, a deleted and a never-known instance (two to one volume), and one already detached.</summary>
    private void FillCinder()
    {
        Databases.Execute("cinder", "INSERT INTO volumes (id, deleted, volume_type_id, status) VALUES " +
            "('vol-live', 0, 't', 'in-use'), ('vol-deleted', 0, 't', 'in-use'), ('vol-gone', 0, 't', 'in-use'), ('vol-detached', 0, 't', 'available');" +
            "INSERT INTO volume_attachment (id, volume_id, instance_uuid, attach_status, deleted) VALUES " +
            $"('att-live', 'vol-live', '{Live1}', 'attached', 0), ('att-deleted', 'vol-deleted', '{Deleted}', 'attached', 0), " +
            $"('att-gone-1', 'vol-gone', '{Gone}', 'attached', 0), ('att-gone-2', 'vol-gone', '{Gone}', 'attaching', 0), " +
            $"('att-detached', 'vol-detached', '{Deleted}', 'detached', 1)");
    }
}
