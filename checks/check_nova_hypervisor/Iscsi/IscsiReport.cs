using StackFsck.OpenStack.Iscsi;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.NovaHypervisor.Iscsi;

/// <summary>Judges and words an <see cref="IscsiAudit"/>: two counts, each session or volume named with the iscsiadm command to look closer.</summary>
internal static class IscsiReport
{
    private static readonly Threshold Stale = Threshold.Named("stale-iscsi-sessions", "iSCSI sessions whose target belongs to no volume attached here", "0");
    private static readonly Threshold Missing = Threshold.Named("missing-iscsi-sessions", "attached iSCSI volumes without a session", "0");

    public static IEnumerable<Option> Options => [.. Stale.Options, .. Missing.Options];

    public static void Add(Report report, IscsiAudit audit, int list, CheckContext context)
    {
        report
            .Add(new Metric("stale_iscsi_sessions", audit.Stale.Count, Threshold: context.Get(Stale), Min: 0,
                Text: $"{audit.Stale.Count} iSCSI sessions to targets of no volume attached here"))
            .Add(new Metric("missing_iscsi_sessions", audit.Missing.Count, Threshold: context.Get(Missing), Min: 0,
                Text: $"{audit.Missing.Count} attached iSCSI volumes without a session"))
            .Add(new Metric("iscsi_sessions", audit.Sessions, Min: 0));
        report.DetailList("stale iSCSI sessions: the target belongs to no volume attached here", audit.Stale.Count, audit.Stale.Take(list).Select(s =>
            $"{s.Name} {s.Target} at {s.Portal ?? "an unknown portal"}; look: iscsiadm -m session -r {s.Id} -P 3"));
        report.DetailList("missing iSCSI sessions: the volume is attached, its target has no session", audit.Missing.Count, audit.Missing.Take(list).Select(m =>
            $"{m.Mapping.Instance} volume {m.Mapping.Volume} target {m.Target.Iqn} at {m.Target.Portal}; look: iscsiadm -m node -T {m.Target.Iqn} -p {m.Target.Portal}"));
        foreach (string line in audit.Unjudged)
        {
            report.Detail($"iSCSI not judged: {line}");
        }
    }
}
