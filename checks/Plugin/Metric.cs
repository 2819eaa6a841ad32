namespace StackFsck.Plugin;

/// <summary>
/// One measured value: what perfdata reports and what thresholds judge.
/// <paramref name="Text"/> words the value for a person ("deepest queue compute.c1 holds 1532
/// messages"); the summary quotes it when this metric raises the state.
/// A null <paramref name="Value"/> is unknown and prints as <c>U</c>.
/// </summary>
public sealed record Metric(
    string Label,
    double? Value,
    string Unit = "",
    Threshold? Threshold = null,
    double? Min = null,
    double? Max = null,
    string? Text = null)
{
    public Status Status => Value is double value && Threshold is not null
        ? Threshold.Evaluate(value)
        : Status.Ok;
}
