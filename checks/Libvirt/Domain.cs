namespace StackFsck.Libvirt;

/// <summary>
/// One libvirt domain as the check sees it. Nova names its domains <c>instance-%08x</c> and gives
/// them the instance's uuid. <paramref name="Devices"/> is read from the domain's XML, once, when the
/// audit needs it (null otherwise).
/// </summary>
public sealed record Domain(Guid Uuid, string Name, DomainState State, DomainDevices? Devices = null);

/// <summary>virDomainState, in libvirt's numbering.</summary>
public enum DomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    ShuttingDown = 4,
    ShutOff = 5,
    Crashed = 6,
    Suspended = 7,
}

public static class DomainStateWords
{
    /// <summary>The words <c>virsh list</c> prints, so an operator recognises them.</summary>
    public static string Word(this DomainState state) => state switch
    {
        DomainState.Running => "running",
        DomainState.Blocked => "idle",
        DomainState.Paused => "paused",
        DomainState.ShuttingDown => "in shutdown",
        DomainState.ShutOff => "shut off",
        DomainState.Crashed => "crashed",
        DomainState.Suspended => "pmsuspended",
        _ => "no state",
    };
}
