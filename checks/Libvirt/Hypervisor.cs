namespace StackFsck.Libvirt;

/// <summary>
/// Lists every domain (running or merely defined) of one hypervisor over a read-only libvirt
/// connection; with <c>devices</c>, each domain's XML is fetched once and its disks and interfaces kept.
/// </summary>
public static class Hypervisor
{
    public static List<Domain> ListDomains(string uri, bool devices = false)
    {
        using LibvirtConnection connection = LibvirtConnection.Open(uri, readOnly: true);
        return devices ? connection.ListDomainsWithDevices() : connection.ListDomains();
    }
}
