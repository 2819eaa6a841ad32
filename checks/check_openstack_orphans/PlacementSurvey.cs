using StackFsck.Plugin;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// Judges placement's allocations as <c>nova-manage placement audit</c> does: on each resource
/// provider, a consumer holding any of Nova's resource classes must be a live instance on that
/// provider's compute node (host and node) or a migration in progress to or from it; otherwise
/// the allocation is an orphan (the scheduler still counts it: a capacity leak). Then the other
/// way: live, scheduled instances that hold no allocation at all.
/// </summary>
internal sealed class PlacementSurvey(InstanceIndex instances, ComputeNodes nodes, int keep)
{
    /// <summary>The resource classes the audit judges (its NOVA_RCS): a consumer holding none of them on a provider is not Nova's.</summary>
    private static readonly HashSet<string> NovaClasses =
        ["VCPU", "MEMORY_MB", "DISK_GB", "VGPU", "NET_BW_EGR_KILOBIT_PER_SEC", "NET_BW_IGR_KILOBIT_PER_SEC", "PCPU", "MEM_ENCRYPTION_CONTEXT"];

    private readonly Dictionary<Guid, (int Source, int Dest)> _migrations = [];

    public Findings Orphans { get; } = new(keep);
    public Findings Missing { get; } = new(keep);

    /// <summary>Consumers placement holds allocations for.</summary>
    public int Consumers { get; private set; }

    /// <summary>A migration not yet confirmed, reverted or ended: its uuid may hold allocations on its source or destination.</summary>
    public void AddMigration(Guid uuid, int source, int dest) => _migrations[uuid] = (source, dest);

    /// <summary>
    /// One consumer's allocations, one per provider it holds resources on. Each consumer comes once,
    /// all its rows read: its instance is marked as holding an allocation, no set of consumers kept.
    /// </summary>
    public void AddConsumer(Guid consumer, IEnumerable<ProviderAllocation> allocations)
    {
        Consumers++;
        instances.MarkAllocated(consumer);
        foreach (ProviderAllocation allocation in allocations)
        {
            Judge(consumer, allocation);
        }
    }

    /// <summary>One consumer's allocation on one provider, every resource class of it.</summary>
    private void Judge(Guid consumer, ProviderAllocation allocation)
    {
        if (!allocation.Resources.Any(resource => NovaClasses.Contains(resource.Class)))
        {
            return;
        }

        int place = nodes.OfProvider(allocation.RootProvider);
        if (instances.LivesAt(consumer, place) || MigratesThrough(consumer, place))
        {
            return;
        }

        Orphans.Add(() => $"consumer {consumer} on provider {allocation.ProviderName} ({allocation.Provider}): {allocation.Words()}; " +
            $"{Why(consumer, place)}; confirm: nova-manage placement audit --resource_provider {allocation.Provider} --verbose; " +
            $"fix: nova-manage placement audit --resource_provider {allocation.Provider} --delete");
    }

    /// <summary>Once every allocation is read: live instances on a host that hold none.</summary>
    public void FindMissing()
    {
        foreach ((Guid uuid, int place) in instances.ScheduledUnallocated())
        {
            Missing.Add(() => $"instance {uuid} on {nodes.Host(place)}: no allocation in placement; fix: nova-manage placement heal_allocations --instance {uuid}");
        }
    }

    private bool MigratesThrough(Guid consumer, int place) =>
        place != ComputeNodes.None && _migrations.TryGetValue(consumer, out var migration) && (migration.Source == place || migration.Dest == place);

    private string Why(Guid consumer, int place)
    {
        if (place == ComputeNodes.None)
        {
            return "no cell has a compute node for this provider";
        }

        return instances.StateOf(consumer) switch
        {
            InstanceState.Live => $"its instance is live but not on {nodes.Host(place)}",
            InstanceState.Deleted => "its instance is deleted",
            _ => "no instance or migration in progress has this uuid",
        };
    }
}

/// <summary>What one consumer holds on one resource provider.</summary>
internal sealed record ProviderAllocation(Guid Provider, string ProviderName, Guid RootProvider, List<(string Class, long Used)> Resources)
{
    public string Words() => string.Join(", ", Resources.Select(resource => $"{resource.Class}={resource.Used}"));
}
