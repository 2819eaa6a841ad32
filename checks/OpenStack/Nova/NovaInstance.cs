namespace StackFsck.OpenStack.Nova;

/// <summary>
/// The columns of one row of Nova's <c>instances</c> (or <c>shadow_instances</c>, once archived)
/// that the audit judges. Nova soft-deletes by setting <c>deleted</c> to the row id.
/// </summary>
public sealed record NovaInstance(Guid Uuid, string? Host, bool Deleted, DateTime? DeletedAt, string? VmState, string? TaskState)
{
    /// <summary>
    /// How long after Nova deleted an instance its domain and directory may linger (Nova may still be
    /// tearing them down): the default --grace of check_nova_hypervisor and of the repairs.
    /// </summary>
    public const string Grace = "1h";

    /// <summary>vm_states in which nova-compute keeps a libvirt domain defined for the instance.</summary>
    private static readonly HashSet<string> StatesWithDomain = ["active", "stopped", "paused", "suspended", "rescued", "resized"];

    /// <summary>No task (spawning, migrating, deleting...) is under way: the hypervisor should match Nova now.</summary>
    public bool Settled => TaskState is null;

    /// <summary>Nova expects a domain for this instance on its host.</summary>
    public bool ExpectsDomain => !Deleted && Settled && VmState is not null && StatesWithDomain.Contains(VmState);

    public bool IsOn(string host) => string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);

    /// <summary>Deleted before <paramref name="cutoff"/> (now less the grace period): Nova's own cleanup should have removed what is left by now.</summary>
    public bool DeletedBefore(DateTime cutoff) => Deleted && (DeletedAt is not DateTime at || at < cutoff);

    /// <summary>
    /// A domain of this instance is a zombie: Nova deleted the instance before <paramref name="cutoff"/>.
    /// A domain Nova has no record of is not one (the check calls it unknown). The check counts these; the remedy removes them.
    /// </summary>
    public static bool IsZombie(NovaInstance? instance, DateTime cutoff) => instance?.DeletedBefore(cutoff) == true;
}
