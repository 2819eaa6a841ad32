using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.NovaHypervisor.Network;

/// <summary>Judges and words a <see cref="NetworkAudit"/>: three counts, each tap or port named with the commands to look closer.</summary>
internal static class NetworkReport
{
    private static readonly Threshold StaleTaps = Threshold.Named("stale-taps", "OVS interfaces of ports not bound here or of deleted instances", "0");
    private static readonly Threshold Unplugged = Threshold.Named("unplugged-ports", "ports bound here for a live instance with no OVS interface or tap", "0");
    private static readonly Threshold Mismatched = Threshold.Named("mismatched-ports", "taps whose mac or instance disagree with their port", "0");

    public static IEnumerable<Option> Options => [.. StaleTaps.Options, .. Unplugged.Options, .. Mismatched.Options];

    public static void Add(Report report, NetworkAudit audit, string ovsdb, int list, CheckContext context)
    {
        report
            .Add(new Metric("stale_taps", audit.StaleTaps.Count, Threshold: context.Get(StaleTaps), Min: 0,
                Text: $"{audit.StaleTaps.Count} OVS interfaces of ports not bound here or of deleted instances"))
            .Add(new Metric("unplugged_ports", audit.Unplugged.Count, Threshold: context.Get(Unplugged), Min: 0,
                Text: $"{audit.Unplugged.Count} ports bound here without an OVS interface or tap"))
            .Add(new Metric("mismatched_ports", audit.Mismatched.Count, Threshold: context.Get(Mismatched), Min: 0,
                Text: $"{audit.Mismatched.Count} taps disagree with their port"))
            .Add(new Metric("taps", audit.Taps, Min: 0));
        string vsctl = $"ovs-vsctl --db={ovsdb} list Interface";
        report.DetailList("stale taps: the port is not bound here, or the instance is deleted", audit.StaleTaps.Count, audit.StaleTaps.Take(list).Select(s =>
            $"{s.Interface.Name} ({s.Why}); look: {vsctl} {s.Interface.Name}"));
        report.DetailList("unplugged ports: bound here, no OVS interface or tap", audit.Unplugged.Count, audit.Unplugged.Take(list).Select(u =>
            $"{u.Domain.Uuid} {u.Domain.Name} port {u.Port.Id} mac {u.Port.Mac}; look: openstack port show {u.Port.Id}"));
        report.DetailList("mismatched ports: tap and port disagree", audit.Mismatched.Count, audit.Mismatched.Take(list).Select(m =>
            $"{m.Tap} port {m.Port.Id}: {m.What}; look: openstack port show {m.Port.Id}"));
    }
}
