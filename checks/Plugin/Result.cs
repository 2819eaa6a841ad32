namespace StackFsck.Plugin;

/// <summary>
/// One judgement of a check: a state, the text that words it, and the metric it judged if any
/// (a declared result, such as "no queue matches", has none). A <paramref name="DetailOnly"/>
/// metric's perfdata follows the long output instead of the first line; it is judged all the same.
/// </summary>
public sealed record Result(Status Status, string Text, Metric? Metric = null, bool DetailOnly = false)
{
    /// <summary>A metric judged against its threshold, worded by its own text or by label and value.</summary>
    public static Result Of(Metric metric, bool detailOnly = false) => new(metric.Status, Problem(metric), metric, detailOnly);

    private static string Problem(Metric metric)
    {
        string what = metric.Text ?? $"{metric.Label} is {Perfdata.Number(metric.Value ?? double.NaN)}{metric.Unit}";
        Range? range = metric.Threshold?.RangeFor(metric.Status);
        return range is null ? what : $"{what} ({metric.Status.Word().ToLowerInvariant()} {range.Text})";
    }
}
