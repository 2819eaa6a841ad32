using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>Judges an <see cref="OrphanSurvey"/> against the thresholds and words it: counts, then the first ids of each category with the command that deals with each.</summary>
internal static class OrphanReport
{
    private static readonly Threshold Ports = Threshold.Main("orphan ports", "0");
    private static readonly Threshold Attachments = Threshold.Named("attachments", "volume attachments of gone instances", "0");
    private static readonly Threshold Volumes = Threshold.Named("volumes", "volumes attached to gone instances", "0");
    private static readonly Threshold Unmapped = Threshold.Named("unmapped", "live instances without an instance mapping", "0");
    private static readonly Threshold StaleMappings = Threshold.Named("stale-mappings", "instance mappings without an instance", "0");
    private static readonly Threshold OrphanAllocations = Threshold.Named("orphan-allocations", "placement allocations of no live instance or migration in progress", "0");
    private static readonly Threshold MissingAllocations = Threshold.Named("missing-allocations", "live, scheduled instances without a placement allocation", "0");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options =>
        [.. Ports.Options, .. Attachments.Options, .. Volumes.Options, .. Unmapped.Options, .. StaleMappings.Options,
            .. OrphanAllocations.Options, .. MissingAllocations.Options];

    public static Report Build(OrphanSurvey survey, InstanceIndex index, CheckContext context, bool ports, bool attachments, PlacementSurvey? placement)
    {
        var report = new Report()
        {
            OkSummary = $"no orphans: {index.Live} live instances in {index.Cells.Count} cells" +
                (ports ? $", {survey.ComputePorts} compute ports" : "") +
                (attachments ? $", {survey.LiveAttachments} volume attachments" : "") +
                (placement is not null ? $", {placement.Consumers} placement consumers" : ""),
        };
        if (index.Cells.Count == 0)
        {
            report.Declare(Status.Unknown, "no cell in nova_api cell_mappings: is this the nova_api database?");
        }

        if (ports)
        {
            Category(report, "orphan_ports", survey.Ports, context.Get(Ports), "ports of compute instances no cell runs");
        }

        if (attachments)
        {
            Category(report, "orphan_attachments", survey.Attachments, context.Get(Attachments), "volume attachments of deleted or missing instances");
            Category(report, "orphan_volumes", survey.Volumes, context.Get(Volumes), "volumes attached to deleted or missing instances");
        }

        if (placement is not null)
        {
            Category(report, "orphan_allocations", placement.Orphans, context.Get(OrphanAllocations), "placement allocations of no live instance or migration in progress");
            Category(report, "missing_allocations", placement.Missing, context.Get(MissingAllocations), "live, scheduled instances without a placement allocation");
        }

        Category(report, "unmapped_instances", survey.Unmapped, context.Get(Unmapped), "live instances without an instance mapping");
        Category(report, "stale_mappings", survey.StaleMappings, context.Get(StaleMappings), "instance mappings without an instance");
        report
            .Add(new Metric("instances", index.Live, Min: 0))
            .Add(new Metric("mappings", survey.Mappings, Min: 0));
        if (ports)
        {
            report.Add(new Metric("compute_ports", survey.ComputePorts, Min: 0));
        }

        if (attachments)
        {
            report.Add(new Metric("attachments", survey.LiveAttachments, Min: 0));
        }

        if (placement is not null)
        {
            report.Add(new Metric("consumers", placement.Consumers, Min: 0));
        }

        return report;
    }

    private static void Category(Report report, string label, Findings findings, Threshold threshold, string what)
    {
        report.Add(new Metric(label, findings.Count, Threshold: threshold, Min: 0, Text: $"{findings.Count} {what}"))
            .DetailList(what, findings.Count, findings.Shown);
    }
}
