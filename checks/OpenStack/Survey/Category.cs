using StackFsck.Plugin;

namespace StackFsck.OpenStack.Survey;

/// <summary>
/// One count of a survey check (stuck_instances, cinder_drift...): how many rows its queries found in
/// every database read, grouped by state for the long output (each group capped by --list), and
/// whether a database it needed could not be read.
/// </summary>
public sealed class Category(string label, string what, Threshold threshold, int keep)
{
    private readonly SortedDictionary<string, Findings> _groups = new(StringComparer.Ordinal);

    public string Label { get; } = label;

    /// <summary>How the summary words the count, e.g. "instances in a task for longer than 1 h".</summary>
    public string What { get; } = what;

    public Threshold Threshold { get; } = threshold;

    public int Count => _groups.Values.Sum(group => group.Count);

    public IEnumerable<(string State, Findings Found)> Groups => _groups.Select(pair => (pair.Key, pair.Value));

    /// <summary>At least one of its databases was read.</summary>
    public bool Read { get; private set; }

    /// <summary>At least one of its databases could not be read: the count is partial (or unknown when <see cref="Read"/> is false).</summary>
    public bool Failed { get; private set; }

    public void Add(string state, Func<string> describe)
    {
        if (!_groups.TryGetValue(state, out Findings? group))
        {
            group = new Findings(keep);
            _groups[state] = group;
        }

        group.Add(describe);
    }

    public void MarkRead() => Read = true;

    public void MarkFailed() => Failed = true;
}
