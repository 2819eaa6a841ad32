using StackFsck.OpenStack.Nova;

namespace StackFsck.OpenStack.Iscsi;

/// <summary>
/// Compares this host's iSCSI sessions with the targets of the volumes Nova attaches to its
/// instances (connection_info in block_device_mapping). A session is matched by target IQN and,
/// when sysfs shows it, portal. Pure set logic, no I/O. check_nova_hypervisor counts what it finds;
/// stackfsck-remedy stale-iscsi-session logs out what it finds stale, by the same rule.
/// </summary>
public sealed class IscsiAudit
{
    /// <summary>Sessions whose target belongs to no volume attached here.</summary>
    public List<IscsiSession> Stale { get; } = [];

    /// <summary>iSCSI volumes of settled instances on this host with no session to any of their targets.</summary>
    public List<(VolumeMapping Mapping, IscsiTarget Target)> Missing { get; } = [];

    /// <summary>What could not be judged (a volume without connection_info, a session without a target), one line each.</summary>
    public List<string> Unjudged { get; } = [];

    public int Sessions { get; private set; }

    public static IscsiAudit Run(IReadOnlyList<IscsiSession> sessions, IReadOnlyList<VolumeMapping> mappings,
        IReadOnlyDictionary<Guid, NovaInstance> nova, string host)
    {
        var audit = new IscsiAudit { Sessions = sessions.Count };
        // Every live instance's volumes keep their sessions, including one migrating in or out.
        var targets = new List<(VolumeMapping Mapping, List<IscsiTarget> Targets)>();
        foreach (VolumeMapping mapping in mappings)
        {
            NovaInstance? instance = nova.GetValueOrDefault(mapping.Instance);
            if (instance is { Deleted: false } && audit.TargetsOf(mapping, judged: instance.IsOn(host)) is { } found)
            {
                targets.Add((mapping, found));
            }
        }

        foreach (IscsiSession session in sessions)
        {
            if (session.Target is null)
            {
                audit.Unjudged.Add($"{session.Name} shows no target (being torn down?)");
            }
            else if (!targets.Any(t => t.Targets.Any(target => Serves(session, target))))
            {
                audit.Stale.Add(session);
            }
        }

        foreach ((VolumeMapping mapping, List<IscsiTarget> found) in targets)
        {
            bool expected = nova[mapping.Instance] is { Settled: true } instance && instance.IsOn(host) && instance.ExpectsDomain;
            if (expected && found.Count > 0 && !found.Any(target => sessions.Any(s => Serves(s, target))))
            {
                audit.Missing.Add((mapping, found[0]));
            }
        }

        return audit;
    }

    /// <summary>The session reaches the target: same IQN, and the same portal when sysfs shows one.</summary>
    public static bool Serves(IscsiSession session, IscsiTarget target) =>
        session.Target == target.Iqn && (session.Portal is null || session.Portal == target.Portal);

    /// <param name="judged">a volume of an instance on this host: one that cannot be read is named.</param>
    private List<IscsiTarget>? TargetsOf(VolumeMapping mapping, bool judged)
    {
        if (string.IsNullOrWhiteSpace(mapping.ConnectionInfo))
        {
            Note(judged, $"volume {mapping.Volume} of instance {mapping.Instance} has no connection_info: its iSCSI target cannot be told");
            return null;
        }

        try
        {
            return IscsiTarget.Of(mapping.ConnectionInfo);
        }
        catch (FormatException error)
        {
            Note(judged, $"volume {mapping.Volume} of instance {mapping.Instance}: {error.Message}");
            return null;
        }
    }

    private void Note(bool judged, string line)
    {
        if (judged)
        {
            Unjudged.Add(line);
        }
    }
}
