namespace StackFsck.OpenStack.Nova;

/// <summary>
/// The columns of one row of Nova's <c>instances</c> (or <c>shadow_instances</c>, once archived)
/// that the audit judges. Nova soft-deletes by setting <c>deleted</c> to the row id.
/// </summary>
public sealed record NovaInstance(Guid Uuid, string? Host, bool Deleted, DateTime? DeletedAt, string? VmState, string? TaskState)
{
    /// <summary>vm_states in which nova-compute keeps a libvirt domain defined for the instance.</summary>
    private static readonly HashSet<string> StatesWithDomain = ["active", "stopped", "paused", "suspended", "rescued", "resized"];

    /// <summary>No task (spawning, migrating, deleting...) is under way: the hypervisor should match Nova now.</summary>
    public bool Settled => TaskState is null;

    /// <summary>Nova expects a domain for this instance on its host.</summary>
    public bool ExpectsDomain => !Deleted && Settled && VmState is not null && StatesWithDomain.Contains(VmState);

    public bool IsOn(string host) => string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);

    /// <summary>Deleted before <paramref name="cutoff"/> (now less the grace period): Nova's own cleanup should have removed what is left by now.</summary>
    public bool DeletedBefore(DateTime cutoff) => Deleted && (DeletedAt is not DateTime at || at < cutoff);
}
