using System.Text;
using StackFsck.Libvirt;

namespace StackFsck.Tests.Zombies;

/// <summary>The disks and interfaces read from a domain's XML as nova-compute's libvirt driver writes it.</summary>
public class DomainXmlTests
{
    [Fact]
    public void Volume_disks_carry_their_serial_and_interfaces_their_mac_tap_and_port()
    {
        Guid instance = Guid.NewGuid(), volume = Guid.NewGuid(), port = Guid.NewGuid();
        string xml = TestHypervisor.DomainXml(new TestDomain(instance, "instance-00000001", TestHypervisor.Running)
        {
            Volumes = [(volume, "vdb")],
            Interfaces = [new TestInterface("fa:16:3e:00:00:01", port)],
        });

        DomainDevices devices = DomainXml.Devices(Encoding.UTF8.GetBytes(xml), "instance-00000001");

        Assert.Null(devices.Unreadable);
        Assert.Equal(
            [new DomainDisk("vda", null, $"/var/lib/nova/instances/{instance}/disk", "disk"),
                new DomainDisk("vdb", volume.ToString(), $"/dev/disk/by-path/ip-192.0.2.10:3260-iscsi-iqn.2010-10.org.openstack:volume-{volume}-lun-1", "disk")],
            devices.Disks);
        Assert.Equal([new DomainInterface("fa:16:3e:00:00:01", TestInterface.TapOf(port), port.ToString())], devices.Interfaces);
    }

    [Fact]
    public void Xml_that_does_not_parse_is_one_line_naming_the_domain()
    {
        DomainDevices devices = DomainXml.Devices("<domain><devices><disk>"u8, "instance-00000002");

        Assert.Empty(devices.Disks);
        Assert.StartsWith("cannot parse the XML of domain instance-00000002: ", devices.Unreadable);
    }
}
