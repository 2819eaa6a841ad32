using System.Globalization;
using StackFsck.Libvirt;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.NovaHypervisor;

/// <summary>Judges a <see cref="ZombieAudit"/> against the thresholds and words it: counts first, then the uuids per category with the command to look closer.</summary>
internal static class ZombieReport
{
    private static readonly Threshold Zombies = Threshold.Main("zombie VMs", critical: "0");
    private static readonly Threshold Missing = Threshold.Named("missing", "instances Nova runs here without a domain", "0");
    private static readonly Threshold Misplaced = Threshold.Named("misplaced", "domains whose instance Nova places elsewhere", "0");
    private static readonly Threshold Unknown = Threshold.Named("unknown", "domains Nova has never heard of", "0");
    private static readonly Threshold Leftovers = Threshold.Named("leftover-disks", "instance directories of deleted or unknown instances", "0");
    private static readonly Threshold LeftoverBytes = Threshold.Named("leftover-bytes", "bytes in leftover instance directories");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options =>
        [.. Zombies.Options, .. Missing.Options, .. Misplaced.Options, .. Unknown.Options, .. Leftovers.Options, .. LeftoverBytes.Options];

    /// <summary>What the wording needs besides the audit: where it looked and how much to list.</summary>
    public sealed record Scope(string Host, string LibvirtUri, TimeSpan Grace, int List, bool DisksScanned);

    public static Report Build(ZombieAudit audit, Scope scope, CheckContext context)
    {
        var report = new Report()
        {
            OkSummary = $"{audit.Domains} domains, {audit.Expected} instances Nova runs on {scope.Host}, nothing amiss",
        };
        string virsh = $"virsh -r -c {scope.LibvirtUri} dominfo";
        report
            .Add(new Metric("zombies", audit.Zombies.Count, Threshold: context.Get(Zombies), Min: 0,
                Text: $"{audit.Zombies.Count} zombie VMs (deleted in Nova over {Duration.Text(scope.Grace)} ago, domain still defined)"))
            .Add(new Metric("missing", audit.Missing.Count, Threshold: context.Get(Missing), Min: 0,
                Text: $"{audit.Missing.Count} instances Nova runs on {scope.Host} have no domain"))
            .Add(new Metric("misplaced", audit.Misplaced.Count, Threshold: context.Get(Misplaced), Min: 0,
                Text: $"{audit.Misplaced.Count} domains belong to instances Nova places on another host"))
            .Add(new Metric("unknown", audit.Unknown.Count, Threshold: context.Get(Unknown), Min: 0,
                Text: $"{audit.Unknown.Count} domains unknown to Nova"));
        if (scope.DisksScanned)
        {
            report
                .Add(new Metric("leftover_disks", audit.Leftovers.Count, Threshold: context.Get(Leftovers), Min: 0,
                    Text: $"{audit.Leftovers.Count} leftover instance directories"))
                .Add(new Metric("leftover_bytes", audit.LeftoverBytes, "B", context.Get(LeftoverBytes), Min: 0,
                    Text: $"leftover instance directories hold {Bytes(audit.LeftoverBytes)}"));
        }

        report
            .Add(new Metric("domains", audit.Domains, Min: 0))
            .Add(new Metric("expected", audit.Expected, Min: 0))
            .Add(new Metric("recently_deleted", audit.RecentlyDeleted, Min: 0));

        List(report, "zombies: deleted in Nova, domain still defined", audit.Zombies, scope.List,
            z => $"{z.Domain.Uuid} {z.Domain.Name} {z.Domain.State.Word()}, deleted {When(z.Instance.DeletedAt)}; look: {virsh} {z.Domain.Uuid}");
        List(report, $"missing: Nova runs them on {scope.Host}, no domain", audit.Missing, scope.List,
            i => $"{i.Uuid} vm_state {i.VmState}; look: openstack server show {i.Uuid}");
        List(report, "misplaced: Nova places the instance on another host", audit.Misplaced, scope.List,
            m => $"{m.Domain.Uuid} {m.Domain.Name} {m.Domain.State.Word()}, Nova says host {m.Instance.Host}; look: openstack server show {m.Domain.Uuid} -c OS-EXT-SRV-ATTR:host");
        List(report, "unknown: no instance in Nova", audit.Unknown, scope.List,
            d => $"{d.Uuid} {d.Name} {d.State.Word()}; look: {virsh} {d.Uuid}");
        List(report, "leftover disks: instance deleted or unknown", audit.Leftovers, scope.List,
            l => $"{l.Directory.Path} {Bytes(l.Directory.Bytes)}, {(l.Instance is null ? "unknown to Nova" : "deleted " + When(l.Instance.DeletedAt))}; look: ls -la {l.Directory.Path}");
        if (audit.RecentlyDeleted + audit.Ignored > 0)
        {
            report.Detail($"not judged: {audit.RecentlyDeleted} domains of instances deleted within the last {Duration.Text(scope.Grace)}, {audit.Ignored} domains matching --ignore-domain");
        }

        return report;
    }

    private static void List<T>(Report report, string heading, IReadOnlyList<T> items, int cap, Func<T, string> line) =>
        report.DetailList(heading, items.Count, items.Take(cap).Select(line));

    private static string When(DateTime? at) =>
        at is DateTime time ? time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "at an unrecorded time";

    internal static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
