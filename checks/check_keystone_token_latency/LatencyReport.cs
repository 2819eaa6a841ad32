using System.Globalization;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>Judges a <see cref="Measurement"/> against the thresholds and words the result.</summary>
internal static class LatencyReport
{
    public static readonly string[] PercentileNames = ["p50", "p95", "p99", "max"];

    private static readonly Threshold Latency = Threshold.Main("the chosen percentile in ms", "500", "2000");

    private static readonly Threshold Errors = Threshold.Named("errors", "validations that failed (5xx, no answer)", "0");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options => [.. Latency.Options, .. Errors.Options];

    /// <param name="percentile">The figure -w/-c judge: p50, p95, p99 or max.</param>
    public static Report Build(Measurement measurement, string subject, RevocationCount revocations, string percentile, CheckContext context)
    {
        IReadOnlyList<Validation> all = measurement.Validations;
        List<Validation> answered = all.Where(v => v.Answered).ToList();
        List<Validation> errors = all.Where(v => v.Outcome == Outcome.Error).ToList();
        if (answered.Count == 0)
        {
            string problem = errors.FirstOrDefault()?.Problem ?? "no answer";
            throw new CheckException($"no validation succeeded: {problem} ({errors.Count} of {all.Count} failed)");
        }

        Percentiles figures = Percentiles.Of(answered.Select(v => v.Milliseconds));
        double rate = answered.Count / Math.Max(measurement.Elapsed.TotalSeconds, 1e-6);
        int rejected = answered.Count(v => v.Outcome == Outcome.Rejected);
        var report = new Report()
        {
            OkSummary = Text($"{answered.Count} validations of {subject}: p50 {figures.P50:0.#} ms, p99 {figures.P99:0.#} ms, max {figures.Max:0.#} ms, {rate:0.#}/s, {errors.Count} errors")
                + (revocations.Events is long events ? $", {events} revocation events" : ""),
        };
        if (rejected > 0)
        {
            report.Declare(Status.Critical, $"token rejected: Keystone answered 404 (invalid or revoked) to {rejected} of {answered.Count} validations of {subject}");
        }

        foreach (string name in PercentileNames)
        {
            bool judged = name == percentile;
            report.Add(new Metric(name, Math.Round(figures[name], 3), "ms", judged ? context.Get(Latency) : null, Min: 0,
                Text: Text($"{name} validation latency {figures[name]:0.#} ms")));
        }

        report
            .Add(new Metric("rate", Math.Round(rate, 3), Min: 0))
            .Add(new Metric("errors", errors.Count, Threshold: context.Get(Errors), Min: 0, Max: all.Count,
                Text: $"{errors.Count} of {all.Count} validations failed"))
            .Add(new Metric("rejected", rejected, Min: 0, Max: all.Count));
        AddRevocations(report, revocations);
        report.Detail(Text($"{all.Count} validations in {measurement.Elapsed.TotalSeconds:0.###} s, p95 {figures.P95:0.#} ms"));
        if (all.Count(v => v.Retried) is > 0 and int retried)
        {
            report.Detail($"{retried} validations sent again after Keystone closed the kept-alive connection they first went out on (not errors)");
        }

        foreach (IGrouping<string?, Validation> kind in errors.GroupBy(v => v.Problem))
        {
            report.Detail($"{kind.Count()} x {kind.Key}");
        }

        return report;
    }

    private static void AddRevocations(Report report, RevocationCount revocations)
    {
        if (revocations.Problem is not null)
        {
            report.Declare(Status.Unknown, $"cannot count revocation events: {revocations.Problem}");
        }

        if (revocations.Events is not null || revocations.Problem is not null)
        {
            report.Add(new Metric("revocation_events", revocations.Events, Min: 0));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
