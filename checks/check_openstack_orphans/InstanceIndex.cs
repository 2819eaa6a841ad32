using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// Every instance of every cell, by uuid: which cell holds it, whether Nova deleted it, and
/// whether nova_api maps it. 100,000 instances take a few megabytes: a Guid and three small fields each.
/// </summary>
internal sealed class InstanceIndex
{
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly List<string> _cells = [];

    private struct Entry
    {
        public short Cell;
        public bool Deleted;
        public bool Mapped;
        public bool Scheduled;
        public bool Allocated;
        public int Place;
    }

    public IReadOnlyList<string> Cells => _cells;

    public int Live { get; private set; }

    /// <summary>Starts reading a cell's instances; returns its number for <see cref="AddInstance"/>.</summary>
    public short AddCell(string cellUuid)
    {
        _cells.Add(cellUuid);
        return checked((short)(_cells.Count - 1));
    }

    /// <summary>
    /// Makes room for a cell's instances before they are read. Grown by doubling, the index held its
    /// old and new tables at once at each step: at 1,000,000 instances that peak was about 20 MiB more.
    /// </summary>
    public void Reserve(int instances) => _entries.EnsureCapacity(_entries.Count + instances);

    /// <param name="place">Where it runs (<see cref="ComputeNodes.Place"/>), for placement's allocations.</param>
    /// <param name="scheduled">Placed on a host and expected to hold an allocation: not building, not shelved-offloaded.</param>
    public void AddInstance(Guid uuid, short cell, bool deleted, int place = ComputeNodes.None, bool scheduled = false)
    {
        // A uuid in two cells (a half-done move) counts as live when either copy is.
        ref Entry entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, uuid, out bool exists);
        if (exists && !entry.Deleted)
        {
            return;
        }

        Live += deleted ? 0 : 1;
        entry.Cell = cell;
        entry.Deleted = deleted;
        entry.Place = place;
        entry.Scheduled = scheduled && !deleted;
    }

    public InstanceState StateOf(Guid uuid) => _entries.TryGetValue(uuid, out Entry entry)
        ? entry.Deleted ? InstanceState.Deleted : InstanceState.Live
        : InstanceState.Missing;

    /// <summary>Whether a live instance runs at <paramref name="place"/>: what makes its allocation there rightful.</summary>
    public bool LivesAt(Guid uuid, int place) =>
        place != ComputeNodes.None && _entries.TryGetValue(uuid, out Entry entry) && !entry.Deleted && entry.Place == place;

    /// <summary>Records that placement holds an allocation for this uuid (when it is an instance's).</summary>
    public void MarkAllocated(Guid uuid)
    {
        ref Entry entry = ref Find(uuid);
        if (!Unsafe.IsNullRef(ref entry))
        {
            entry.Allocated = true;
        }
    }

    /// <summary>Live instances placed on a host that hold no allocation (<see cref="MarkAllocated"/>), with their place.</summary>
    public IEnumerable<(Guid Uuid, int Place)> ScheduledUnallocated() => _entries
        .Where(pair => pair.Value.Scheduled && !pair.Value.Allocated)
        .Select(pair => (pair.Key, pair.Value.Place));

    /// <summary>Records an instance mapping; false when no cell holds the instance (a stale mapping).</summary>
    public bool Map(Guid uuid)
    {
        ref Entry entry = ref Find(uuid);
        if (Unsafe.IsNullRef(ref entry))
        {
            return false;
        }

        entry.Mapped = true;
        return true;
    }

    private ref Entry Find(Guid uuid) => ref CollectionsMarshal.GetValueRefOrNullRef(_entries, uuid);

    /// <summary>Live instances no instance mapping points to, with the uuid of the cell that holds each.</summary>
    public IEnumerable<(Guid Uuid, string Cell)> Unmapped() => _entries
        .Where(pair => !pair.Value.Deleted && !pair.Value.Mapped)
        .Select(pair => (pair.Key, _cells[pair.Value.Cell]));
}

internal enum InstanceState
{
    Live,
    Deleted,
    Missing,
}
