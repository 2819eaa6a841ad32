namespace StackFsck.Checks.NovaHypervisor.Network;

/// <summary>
/// A row of Open vSwitch's Interface table with the external_ids os-vif sets when it plugs a port:
/// iface-id (the Neutron port), attached-mac, vm-uuid (the instance) and iface-status.
/// </summary>
internal sealed record OvsInterface(string Name, string? IfaceId, string? AttachedMac, string? VmUuid, string? IfaceStatus);
