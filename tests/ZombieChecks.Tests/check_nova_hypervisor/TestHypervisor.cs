using System.Security;
using System.Text;

namespace StackFsck.Tests.Zombies;

/// <summary>An interface of a test domain as os-vif plugs it into br-int: the Neutron port's mac and id, its tap device.</summary>
public sealed record TestInterface(string Mac, Guid Port)
{
    /// <summary>Nova's tap name: "tap" and the first 11 characters of the port id.</summary>
    public static string TapOf(Guid port) => "tap" + port.ToString()[..11];

    public string Tap => TapOf(Port);
}

/// <summary>A domain of the test driver: the instance's own disk always, volume disks and interfaces as Nova writes them.</summary>
public sealed record TestDomain(Guid Uuid, string Name, int State)
{
    /// <summary>Cinder volumes attached as block disks (iSCSI by-path source, serial = volume id).</summary>
    public IReadOnlyList<(Guid Volume, string Target)> Volumes { get; init; } = [];

    /// <summary>A block disk without a serial: a volume the audit cannot tell.</summary>
    public bool UnnamedVolume { get; init; }

    public IReadOnlyList<TestInterface> Interfaces { get; init; } = [];
}

/// <summary>A hypervisor for libvirt's test driver: a node XML file listing domains, opened as <c>test:///ABSOLUTE/PATH</c>.</summary>
public static class TestHypervisor
{
    /// <summary>libvirt domain states (virDomainState) the tests use.</summary>
    public const int Running = 1;
    public const int ShutOff = 5;

    /// <summary>Writes the node file and returns its URI.</summary>
    public static string Write(string directory, params (Guid Uuid, string Name, int State)[] domains) =>
        WriteDomains(directory, domains.Select(d => new TestDomain(d.Uuid, d.Name, d.State)).ToArray());

    /// <summary>Writes the node file of domains with devices and returns its URI.</summary>
    public static string WriteDomains(string directory, params TestDomain[] domains)
    {
        var xml = new StringBuilder("<node>\n");
        foreach (TestDomain domain in domains)
        {
            xml.Append(DomainXml(domain)).Append('\n');
        }

        string path = Path.Combine(directory, "node.xml");
        File.WriteAllText(path, xml.Append("</node>\n").ToString());
        return "test://" + path;
    }

    /// <summary>
    /// The same node file through the test tier's libvirtd (tests/services/libvirt.sh), as a check run
    /// centrally opens a node: <c>test+tcp://127.0.0.1:PORT/ABSOLUTE/PATH</c>, a URI that names a host.
    /// The daemon runs as nobody: the file and its folder are made readable to others.
    /// </summary>
    public static string ThroughDaemon(string uri)
    {
        string path = uri["test://".Length..];
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.OtherRead);
        string folder = Path.GetDirectoryName(path)!;
        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
        return Repo.Service("STACKFSCK_LIBVIRT_REMOTE") + path;
    }

    /// <summary>The domain's XML, devices as nova-compute's libvirt driver writes them (file disk, iSCSI volumes, OVS interfaces).</summary>
    public static string DomainXml(TestDomain domain)
    {
        var xml = new StringBuilder("  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>")
            .Append($"<name>{SecurityElement.Escape(domain.Name)}</name><uuid>{domain.Uuid}</uuid><memory>65536</memory>")
            .Append("<os><type>hvm</type></os><devices>")
            .Append($"<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/nova/instances/{domain.Uuid}/disk'/><target dev='vda' bus='virtio'/></disk>");
        foreach ((Guid volume, string target) in domain.Volumes)
        {
            xml.Append("<disk type='block' device='disk'><driver name='qemu' type='raw' cache='none' io='native'/>")
                .Append($"<source dev='/dev/disk/by-path/ip-192.0.2.10:3260-iscsi-iqn.2010-10.org.openstack:volume-{volume}-lun-1'/>")
                .Append($"<target dev='{target}' bus='virtio'/><serial>{volume}</serial></disk>");
        }

        if (domain.UnnamedVolume)
        {
            xml.Append("<disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdz' bus='virtio'/></disk>");
        }

        foreach (TestInterface nic in domain.Interfaces)
        {
            xml.Append($"<interface type='bridge'><mac address='{nic.Mac}'/><source bridge='br-int'/>")
                .Append($"<virtualport type='openvswitch'><parameters interfaceid='{nic.Port}'/></virtualport>")
                .Append($"<target dev='{nic.Tap}'/><model type='virtio'/></interface>");
        }

        return xml.Append($"</devices><test:runstate>{domain.State}</test:runstate></domain>").ToString();
    }
}
