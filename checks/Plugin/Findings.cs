namespace StackFsck.Plugin;

/// <summary>One category of findings (orphans, stuck resources): how many, and the first few for the long output (the rest is only counted).</summary>
public sealed class Findings(int keep)
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
