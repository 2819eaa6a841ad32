namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// The (cell, host, node) places instances run on, each numbered once so 100,000 instances hold
/// an int rather than two strings, and Nova's compute nodes by uuid: placement's root resource
/// provider of a hypervisor has the uuid of its compute node.
/// </summary>
internal sealed class ComputeNodes
{
    public const int None = -1;

    private readonly Dictionary<(short Cell, string Host, string Node), int> _numbers = [];
    private readonly List<string> _hosts = [];
    private readonly Dictionary<Guid, int> _byUuid = [];

    /// <summary>The number of a place, for instances and migrations; <see cref="None"/> when host or node is unset.</summary>
    public int Place(short cell, string? host, string? node)
    {
        if (host is null || node is null)
        {
            return None;
        }

        if (!_numbers.TryGetValue((cell, host, node), out int number))
        {
            number = _hosts.Count;
            _numbers[(cell, host, node)] = number;
            _hosts.Add(host);
        }

        return number;
    }

    /// <summary>Records a compute node of a cell (cell0 has none: nova-manage placement audit skips it too).</summary>
    public void AddNode(Guid uuid, short cell, string host, string node) => _byUuid[uuid] = Place(cell, host, node);

    /// <summary>The place of the compute node a root provider stands for, or <see cref="None"/> when no cell has it.</summary>
    public int OfProvider(Guid rootProvider) => _byUuid.TryGetValue(rootProvider, out int place) ? place : None;

    public string Host(int place) => place == None ? "no host" : _hosts[place];
}
