namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>One category of orphans: how many, and the first few for the long output (the rest is only counted).</summary>
internal sealed class Findings(int keep)
{
    private readonly List<string> _shown = [];

    public int Count { get; private set; }

    public IReadOnlyList<string> Shown => _shown;

    /// <summary>Counts one orphan; <paramref name="describe"/> runs only for those the long output shows.</summary>
    public void Add(Func<string> describe)
    {
        Count++;
        if (_shown.Count < keep)
        {
            _shown.Add(describe());
        }
    }
}
