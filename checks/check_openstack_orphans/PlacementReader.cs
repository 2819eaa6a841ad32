using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// Reads what placement's audit compares: each cell's compute nodes and migrations in progress,
/// then placement's allocations, streamed in consumer order so each consumer's allocation on a
/// provider is judged as soon as its rows are read.
/// </summary>
internal static class PlacementReader
{
    /// <summary>The migration statuses Nova counts as over (migration_get_in_progress_by_host_and_node); <c>finished</c> still holds the source.</summary>
    private const string EndedMigrations = "'confirmed', 'reverted', 'error', 'failed', 'completed', 'cancelled', 'done'";

    /// <summary>Placement keeps the standard resource classes at these ids (os-resource-classes' STANDARDS order); it copies them into resource_classes when it starts.</summary>
    private static readonly string[] StandardClasses =
    [
        "VCPU", "MEMORY_MB", "DISK_GB", "PCI_DEVICE", "SRIOV_NET_VF", "NUMA_SOCKET", "NUMA_CORE", "NUMA_THREAD", "NUMA_MEMORY_MB",
        "IPV4_ADDRESS", "VGPU", "VGPU_DISPLAY_HEAD", "NET_BW_EGR_KILOBIT_PER_SEC", "NET_BW_IGR_KILOBIT_PER_SEC", "PCPU",
        "MEM_ENCRYPTION_CONTEXT", "FPGA", "PGPU", "NET_PACKET_RATE_KILOPACKET_PER_SEC", "NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC",
        "NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC",
    ];

    private const string Cell0Uuid = "00000000-0000-0000-0000-000000000000";

    public static void ReadCell(DatabaseConnection db, NovaCell cell, short number, ComputeNodes nodes, PlacementSurvey survey)
    {
        if (cell.Uuid != Cell0Uuid)
        {
            foreach (DatabaseRow row in db.Query("SELECT uuid, host, hypervisor_hostname FROM compute_nodes WHERE deleted = 0", $"reading the compute nodes of cell {cell.Name}"))
            {
                if (Guid.TryParse(row.String(0), out Guid uuid) && row.String(1) is string host && row.String(2) is string node)
                {
                    nodes.AddNode(uuid, number, host, node);
                }
            }
        }

        string sql = "SELECT uuid, source_compute, source_node, dest_compute, dest_node FROM migrations " +
            $"WHERE deleted = 0 AND uuid IS NOT NULL AND status NOT IN ({EndedMigrations})";
        foreach (DatabaseRow row in db.Query(sql, $"reading the migrations in progress of cell {cell.Name}"))
        {
            if (Guid.TryParse(row.String(0), out Guid uuid))
            {
                survey.AddMigration(uuid, nodes.Place(number, row.String(1), row.String(2)), nodes.Place(number, row.String(3), row.String(4)));
            }
        }
    }

    public static void ReadAllocations(CheckContext context, DatabaseSettings placement, PlacementSurvey survey)
    {
        using DatabaseConnection db = DatabaseConnection.Open(context, placement);
        const string sql = "SELECT a.consumer_id, rp.uuid, rp.name, root.uuid, rc.name, a.resource_class_id, a.used " +
            "FROM allocations a JOIN resource_providers rp ON rp.id = a.resource_provider_id " +
            "JOIN resource_providers root ON root.id = COALESCE(rp.root_provider_id, rp.id) " +
            "LEFT JOIN resource_classes rc ON rc.id = a.resource_class_id ORDER BY a.consumer_id, a.resource_provider_id, a.resource_class_id";
        (Guid Consumer, ProviderAllocation Allocation)? current = null;
        foreach (DatabaseRow row in db.Query(sql, "reading the placement allocations"))
        {
            if (!Guid.TryParse(row.String(0), out Guid consumer) || !Guid.TryParse(row.String(1), out Guid provider))
            {
                continue;
            }

            if (current is not { } open || open.Consumer != consumer || open.Allocation.Provider != provider)
            {
                if (current is { } done)
                {
                    survey.AddAllocation(done.Consumer, done.Allocation);
                }

                current = (consumer, new ProviderAllocation(provider, row.String(2) ?? "", Guid.Parse(row.String(3)!), []));
            }

            current.Value.Allocation.Resources.Add((ClassName(row.String(4), row.Int64(5)), row.Int64(6)));
        }

        if (current is { } last)
        {
            survey.AddAllocation(last.Consumer, last.Allocation);
        }

        survey.FindMissing();
    }

    private static string ClassName(string? name, long id) =>
        name ?? (id >= 0 && id < StandardClasses.Length ? StandardClasses[id] : $"class {id}");
}
