using StackFsck.OpenStack.Nova;

namespace StackFsck.Remedy.Repairs;

/// <summary>How a repair's plan and journal word what Nova says about an instance.</summary>
internal static class InstanceWords
{
    /// <summary>Why the instance's remains qualify: "deleted in Nova at 2026-12-03 10:15 UTC".</summary>
    public static string Deleted(NovaInstance instance) =>
        $"deleted in Nova{(instance.DeletedAt is DateTime at ? $" at {at:yyyy-MM-dd HH:mm} UTC" : "")}";

    /// <summary>Why a planned item was left alone: what Nova says about the instance now.</summary>
    public static string Now(NovaInstance instance) =>
        instance.Deleted ? $"deleted at {instance.DeletedAt:yyyy-MM-dd HH:mm} UTC, within the grace" : $"vm_state {instance.VmState ?? "unset"} on {instance.Host ?? "no host"}";
}
