namespace StackFsck.Tests.Zombies;

/// <summary>
/// Nova's databases (nova_api, cell0, cell1) and placement's, made by Zed's tools, with placement
/// itself serving its database (placement-api under uWSGI) so allocations are made through the
/// real API and <c>nova-manage placement audit</c> can judge the same data as the check.
/// Two compute nodes (cmp1, cmp2) and a provider no cell knows (ghost); one allocation of each kind.
/// </summary>
public sealed class PlacementCloud : IDisposable
{
    public static readonly Guid Cmp1 = Guid.NewGuid(), Cmp2 = Guid.NewGuid(), Ghost = Guid.NewGuid();

    // Allocations Nova accounts for: a live instance on its node, a migration in progress, a custom-only consumer (not Nova's).
    public static readonly Guid Live = Guid.NewGuid(), Moved = Guid.NewGuid(), Running = Guid.NewGuid(), Licence = Guid.NewGuid();

    // Orphans: a deleted instance's, a never-known consumer's, an ended migration's, and a moved instance's left on its old node.
    public static readonly Guid Deleted = Guid.NewGuid(), Gone = Guid.NewGuid(), Confirmed = Guid.NewGuid();

    // Instances without an allocation: only the active one counts (building and shelved-offloaded ones hold none).
    public static readonly Guid Unallocated = Guid.NewGuid(), Building = Guid.NewGuid(), Shelved = Guid.NewGuid();

    private static readonly (string, int)[] Flavor = [("VCPU", 1), ("MEMORY_MB", 512), ("DISK_GB", 1)];

    public PlacementCloud()
    {
        Nova = new NovaDatabases("plc");
        Placement = ServiceTools.Copy("plcplacement", "placement");
        Nova.Api.GrantSelectOn(Nova.Cell0);
        Nova.Api.GrantSelectOn(Nova.Cell1);
        Nova.Api.GrantSelectOn(Placement);
        Api = new PlacementApi(Placement);
        try
        {
            FillNova();
            FillPlacement();
        }
        catch
        {
            // xunit disposes no fixture whose constructor threw: stop the API and drop the databases here.
            Api.Dispose();
            Nova.Dispose();
            Placement.Dispose();
            throw;
        }

        NovaConf = ServiceTools.WriteConfig($"[api_database]\nconnection = {ServiceTools.Url(Nova.Api)}\n{Api.NovaSection}");
    }

    public NovaDatabases Nova { get; }
    public ScratchDatabase Placement { get; }
    public PlacementApi Api { get; }

    /// <summary>nova.conf for nova-manage placement audit: nova_api and this placement API.</summary>
    public string NovaConf { get; }

    public void Dispose()
    {
        Api.Dispose();
        Nova.Dispose();
        Placement.Dispose();
        File.Delete(NovaConf);
    }

    private void FillNova()
    {
        Nova.Cell1.Execute($"""
            INSERT INTO compute_nodes (uuid, host, hypervisor_hostname, deleted, vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used, local_gb_used,
                hypervisor_type, hypervisor_version, cpu_info, running_vms, created_at) VALUES
              ('{Cmp1}', 'cmp1', 'cmp1.example', 0, 8, 8192, 100, 0, 0, 0, 'QEMU', 1, 'none', 0, UTC_TIMESTAMP()),
              ('{Cmp2}', 'cmp2', 'cmp2.example', 0, 8, 8192, 100, 0, 0, 0, 'QEMU', 1, 'none', 0, UTC_TIMESTAMP());
            INSERT INTO instances (uuid, host, node, vm_state, deleted) VALUES
              ('{Live}', 'cmp1', 'cmp1.example', 'active', 0), ('{Moved}', 'cmp2', 'cmp2.example', 'active', 0),
              ('{Deleted}', 'cmp1', 'cmp1.example', 'deleted', 3), ('{Unallocated}', 'cmp1', 'cmp1.example', 'active', 0),
              ('{Building}', 'cmp2', 'cmp2.example', 'building', 0), ('{Shelved}', NULL, NULL, 'shelved_offloaded', 0);
            INSERT INTO migrations (uuid, instance_uuid, source_compute, source_node, dest_compute, dest_node, status, migration_type, deleted) VALUES
              ('{Running}', '{Live}', 'cmp1', 'cmp1.example', 'cmp2', 'cmp2.example', 'running', 'live-migration', 0),
              ('{Confirmed}', '{Moved}', 'cmp1', 'cmp1.example', 'cmp2', 'cmp2.example', 'confirmed', 'resize', 0);
            """);
        Nova.Cell0.Execute("INSERT INTO instances (uuid, vm_state, deleted) VALUES (UUID(), 'error', 0)");
    }

    private void FillPlacement()
    {
        Api.CreateResourceClass("CUSTOM_LICENCE");
        Api.CreateProvider(Cmp1, "cmp1.example", ("VCPU", 64), ("MEMORY_MB", 65536), ("DISK_GB", 1000));
        Api.CreateProvider(Cmp2, "cmp2.example", ("VCPU", 64), ("MEMORY_MB", 65536), ("DISK_GB", 1000), ("CUSTOM_LICENCE", 10));
        Api.CreateProvider(Ghost, "ghost.example", ("VCPU", 64), ("MEMORY_MB", 65536), ("DISK_GB", 1000));
        Api.Allocate(Live, (Cmp1, Flavor));
        Api.Allocate(Moved, (Cmp2, Flavor), (Cmp1, [("VCPU", 2)]));
        Api.Allocate(Running, (Cmp2, Flavor));
        Api.Allocate(Licence, (Cmp2, [("CUSTOM_LICENCE", 1)]));
        Api.Allocate(Deleted, (Cmp1, Flavor));
        Api.Allocate(Gone, (Cmp2, Flavor));
        Api.Allocate(Confirmed, (Cmp1, Flavor));
        Api.Allocate(Building, (Ghost, Flavor));
    }
}
