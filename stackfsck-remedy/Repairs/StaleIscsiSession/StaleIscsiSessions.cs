using StackFsck.OpenStack.Iscsi;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Remedy.Repairs.StaleIscsiSession;

/// <summary>Where a host's iSCSI facts are: its sysfs, its instances path, its name in Nova.</summary>
internal sealed record IscsiHost(string Sysfs, string InstancesPath, string Name);

/// <summary>What became of one planned session when the repair acted.</summary>
internal sealed record IscsiOutcome(IscsiSession Session, string Outcome, string Detail)
{
    public const string LoggedOut = "logged-out";
}

/// <summary>
/// The stale-iscsi-session repair: the sessions check_nova_hypervisor counts as stale, by the
/// check's own rule (<see cref="IscsiAudit"/>): a session whose target and portal belong to no volume
/// Nova attaches to a live instance of this host, or of an instance with a directory here (one
/// migrating in). Each is logged out with iscsiadm, one at a time, after sysfs and Nova are read again.
/// </summary>
internal static class StaleIscsiSessions
{
    public const string Action = "stale-iscsi-session";

    /// <summary>Reads the sessions, then Nova's instances and their volume mappings, and judges as the check does.</summary>
    public static IscsiAudit Audit(NovaCellReader nova, IscsiHost host)
    {
        List<IscsiSession> sessions = IscsiSessions.Read(host.Sysfs);
        if (sessions.Count == 0)
        {
            return IscsiAudit.Run(sessions, [], new Dictionary<Guid, NovaInstance>(), host.Name);
        }

        List<Guid> seen = InstanceDirectories.Scan(host.InstancesPath).Select(d => d.Uuid).Distinct().ToList();
        Dictionary<Guid, NovaInstance> instances = nova.Read(host.Name, seen);
        return IscsiAudit.Run(sessions, nova.Mappings(instances.Keys), instances, host.Name);
    }

    /// <summary>
    /// Reads sysfs and Nova again just before the logout: a session gone meanwhile, one whose target
    /// a volume attached here uses now, or any while something of the host cannot be judged, is left alone.
    /// </summary>
    public static IscsiOutcome Act(IscsiSession planned, NovaCellReader nova, IscsiHost host, Iscsiadm iscsiadm)
    {
        IscsiAudit now = Audit(nova, host);
        if (now.Unjudged.Count > 0)
        {
            return new IscsiOutcome(planned, "left-alone", $"part of the host cannot be judged now: {now.Unjudged[0]}");
        }

        if (!now.Stale.Contains(planned))
        {
            string why = IscsiSessions.Read(host.Sysfs).Contains(planned)
                ? "a volume attached here uses its target now"
                : "no longer logged in as planned (logged out, or its target or portal changed)";
            return new IscsiOutcome(planned, "left-alone", why);
        }

        (bool done, string output) = iscsiadm.Run(iscsiadm.LogoutArguments(planned));
        return new IscsiOutcome(planned, done ? IscsiOutcome.LoggedOut : "failed", $"{planned.Target} at {planned.Portal ?? "an unknown portal"}: {output}");
    }
}
