namespace StackFsck.Libvirt;

/// <summary>
/// A disk of a domain's XML. Nova gives a volume's disk the Cinder volume id as
/// <c>&lt;serial&gt;</c>; <paramref name="Source"/> is the file, device or network name it reads.
/// </summary>
public sealed record DomainDisk(string Target, string? Serial, string? Source, string Device);

/// <summary>An interface of a domain's XML: its MAC, its tap device and, on an Open vSwitch bridge, the Neutron port id.</summary>
public sealed record DomainInterface(string? Mac, string? Tap, string? InterfaceId);

/// <summary>What the audit reads from one domain's XML, or why it could not.</summary>
public sealed record DomainDevices(IReadOnlyList<DomainDisk> Disks, IReadOnlyList<DomainInterface> Interfaces, string? Unreadable = null)
{
    public static DomainDevices Failed(string why) => new([], [], why);
}
