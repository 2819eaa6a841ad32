namespace StackFsck.Plugin;

/// <summary>
/// What a check found: every judgement as a <see cref="Result"/> (its metrics, each judged by its
/// threshold, and the states it declares, such as UNKNOWN when nothing matched), lines for the long
/// output, and the wording of the quiet case. The state and the first line are derived from all
/// the results (checks/Plugin/README.md, "From probe to exit code"); none hides another.
/// </summary>
public sealed class Report
{
    private readonly List<Result> _results = [];
    private readonly List<string> _details = [];

    /// <summary>The line used when nothing is wrong, e.g. "412 queues, deepest 3 messages".</summary>
    public string OkSummary { get; set; } = "";

    public IReadOnlyList<Result> Results => _results;

    /// <summary>The worst state of all results, in the C plugins' order (<see cref="StatusExtensions.Worst"/>); OK without any.</summary>
    public Status Status => _results.Aggregate(Status.Ok, (worst, result) => worst.Worst(result.Status));

    /// <summary>A metric that appears in the first line's perfdata.</summary>
    public Report Add(Metric metric) => Add(Result.Of(metric));

    /// <summary>A metric whose perfdata follows the long output (per-item figures that could be long).</summary>
    public Report AddDetailMetric(Metric metric) => Add(Result.Of(metric, detailOnly: true));

    /// <summary>A state no metric expresses, with the text that explains it; an OK one words the quiet case.</summary>
    public Report Declare(Status status, string text) => Add(new Result(status, text));

    public Report Add(Result result)
    {
        _results.Add(result);
        return this;
    }

    public Report Detail(string line)
    {
        _details.Add(line);
        return this;
    }

    /// <summary>
    /// One category for the long output: "HEADING (COUNT):", the <paramref name="shown"/> items
    /// indented (at most --list of them, <see cref="CommonOptions.List"/>), then "... and N more"
    /// for the rest of <paramref name="count"/>. Nothing when the category is empty.
    /// </summary>
    public Report DetailList(string heading, int count, IEnumerable<string> shown)
    {
        if (count == 0)
        {
            return this;
        }

        Detail($"{heading} ({count}):");
        int listed = 0;
        foreach (string line in shown)
        {
            Detail("  " + line);
            listed++;
        }

        return count > listed ? Detail($"  ... and {count - listed} more") : this;
    }

    /// <summary>
    /// The first line's text. With problems: each problem's text, declared ones first, the worst
    /// first within each. Without: the texts of declared OK results, else <see cref="OkSummary"/>.
    /// </summary>
    /// <remarks>
    /// Loops, not chained LINQ: in a Native AOT check the second operator of a chain
    /// (Where().Select(), OrderBy().ThenBy()) is a generic virtual method that the runtime's type
    /// loader resolves at first use, about a tenth of a check's managed start-up (bench/db_startup.sh).
    /// </remarks>
    public string Summary()
    {
        if (Status == Status.Ok)
        {
            List<string> declared = _results.FindAll(r => r.Metric is null).ConvertAll(r => r.Text);
            return declared.Count > 0 ? string.Join("; ", declared) : OkSummary;
        }

        List<int> problems = [];
        for (int i = 0; i < _results.Count; i++)
        {
            if (_results[i].Status != Status.Ok)
            {
                problems.Add(i);
            }
        }

        // Stable: problems of one rank keep the order the check added them in.
        problems.Sort((a, b) => Rank(a) != Rank(b) ? Rank(a).CompareTo(Rank(b)) : a.CompareTo(b));
        return string.Join("; ", problems.ConvertAll(i => _results[i].Text));
    }

    /// <summary>The complete plugin output (checks/Plugin/README.md), ending with a newline.</summary>
    public string Render(string service) =>
        PluginText.Render(service, Status, Summary(), Metrics(detailOnly: false), _details, Metrics(detailOnly: true));

    /// <summary>Declared results before metrics, then the worst first.</summary>
    private int Rank(int index) =>
        (_results[index].Metric is null ? 0 : 10) - _results[index].Status.Severity();

    private List<Metric> Metrics(bool detailOnly) =>
        _results.FindAll(r => r.Metric is not null && r.DetailOnly == detailOnly).ConvertAll(r => r.Metric!);
}
