namespace StackFsck.Plugin;

/// <summary>A warning and a critical range for one metric; either may be absent.</summary>
public sealed record Thresholds(Range? Warning, Range? Critical)
{
    public static readonly Thresholds None = new(null, null);

    /// <summary>Critical is judged before warning, so a value in both reads CRITICAL.</summary>
    public Status Evaluate(double value)
    {
        if (Critical?.Alerts(value) == true)
        {
            return Status.Critical;
        }

        return Warning?.Alerts(value) == true ? Status.Warning : Status.Ok;
    }

    /// <summary>The range that the given state was judged against, for wording a problem.</summary>
    public Range? RangeFor(Status status) => status switch
    {
        Status.Critical => Critical,
        Status.Warning => Warning,
        _ => null,
    };
}
