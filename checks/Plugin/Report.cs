namespace StackFsck.Plugin;

/// <summary>
/// What a check found: its metrics (judged against thresholds), long-output lines and the
/// wording of the first line. The state is the worst of the metrics' states and of any
/// state the check sets itself (such as UNKNOWN when nothing matched).
/// </summary>
public sealed class Report(string service)
{
    private readonly List<Metric> _metrics = [];
    private readonly List<Metric> _detailMetrics = [];
    private readonly List<string> _details = [];
    private Status _declared = Status.Ok;
    private string? _declaredText;

    public string Service { get; } = service;

    /// <summary>The line used when nothing is wrong, e.g. "412 queues, deepest 3 messages".</summary>
    public string OkSummary { get; set; } = "";

    public IReadOnlyList<Metric> Metrics => _metrics;
    public IReadOnlyList<string> Details => _details;

    public Status Status => _metrics.Aggregate(_declared, (worst, metric) => worst.Worst(metric.Status));

    /// <summary>A metric that appears in the first line's perfdata.</summary>
    public Report Add(Metric metric)
    {
        _metrics.Add(metric);
        return this;
    }

    /// <summary>A metric reported only after the long output (per-item perfdata that could be long).</summary>
    public Report AddDetailMetric(Metric metric)
    {
        _detailMetrics.Add(metric);
        return this;
    }

    public Report Detail(string line)
    {
        _details.Add(line);
        return this;
    }

    /// <summary>Sets a state the metrics cannot express, with the text that explains it.</summary>
    public Report Declare(Status status, string text)
    {
        if (status.Worst(_declared) == status)
        {
            _declared = status;
            _declaredText = text;
        }

        return this;
    }

    /// <summary>The first line's text: the problems when there are any, otherwise the OK summary.</summary>
    public string Summary()
    {
        Status status = Status;
        if (status == Status.Ok)
        {
            return OkSummary;
        }

        IEnumerable<string> problems = _metrics
            .Where(m => m.Status != Status.Ok)
            .OrderByDescending(m => m.Status == status)
            .Select(Problem);
        if (_declaredText is not null && _declared != Status.Ok)
        {
            problems = problems.Prepend(_declaredText);
        }

        return string.Join("; ", problems);
    }

    /// <summary>The complete plugin output (checks/Plugin/README.md), ending with a newline.</summary>
    public string Render() => PluginText.Render(Service, Status, Summary(), _metrics, _details, _detailMetrics);

    private static string Problem(Metric metric)
    {
        string what = metric.Text ?? $"{metric.Label} is {Perfdata.Number(metric.Value ?? double.NaN)}{metric.Unit}";
        Range? range = metric.Thresholds?.RangeFor(metric.Status);
        return range is null ? what : $"{what} ({metric.Status.Word().ToLowerInvariant()} {range.Text})";
    }
}
