using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>Judges and words a <see cref="VolumeAudit"/>: two counts, each disk or volume named with the commands to look closer.</summary>
internal static class VolumeReport
{
    private static readonly Threshold Stale = Threshold.Named("stale-volume-disks", "volume disks of a domain no longer attached to its instance in Nova or Cinder", "0");
    private static readonly Threshold Missing = Threshold.Named("missing-volume-disks", "volumes attached in Nova and Cinder, absent from the domain", "0");

    public static IEnumerable<Option> Options => [.. Stale.Options, .. Missing.Options];

    /// <param name="cinderRead">false with --no-cinder: Nova's mappings alone decide.</param>
    public static void Add(Report report, VolumeAudit audit, string libvirtUri, bool cinderRead, int list, CheckContext context)
    {
        string sources = cinderRead ? "Nova or Cinder" : "Nova";
        report
            .Add(new Metric("stale_volume_disks", audit.Stale.Count, Threshold: context.Get(Stale), Min: 0,
                Text: $"{audit.Stale.Count} volume disks no longer attached in {sources}"))
            .Add(new Metric("missing_volume_disks", audit.Missing.Count, Threshold: context.Get(Missing), Min: 0,
                Text: $"{audit.Missing.Count} attached volumes absent from their domain"))
            .Add(new Metric("volume_disks", audit.VolumeDisks, Min: 0));

        string look = $"virsh -r -c {libvirtUri} domblklist";
        report.DetailList($"stale volume disks: in the domain, not attached in {sources}", audit.Stale.Count, audit.Stale.Take(list).Select(s =>
            $"{s.Domain.Uuid} {s.Domain.Name} {s.Disk.Target} volume {s.Volume} ({Why(s)}); look: {look} {s.Domain.Uuid}; openstack volume show {s.Volume}"));
        report.DetailList($"missing volume disks: attached in {(cinderRead ? "Nova and Cinder" : "Nova")}, not in the domain", audit.Missing.Count,
            audit.Missing.Take(list).Select(m =>
                $"{m.Domain.Uuid} {m.Domain.Name} volume {m.Mapping.Volume} as {m.Mapping.Device ?? "?"}; look: {look} {m.Domain.Uuid}; openstack volume show {m.Mapping.Volume}"));
        foreach (string line in audit.Unjudged)
        {
            report.Detail($"volumes not judged: {line}");
        }
    }

    private static string Why(StaleVolumeDisk stale) => (stale.InNova, stale.InCinder) switch
    {
        (false, false) => "no mapping in Nova, no attachment in Cinder",
        (false, true) => "no mapping in Nova",
        _ => "no attachment in Cinder",
    };
}
