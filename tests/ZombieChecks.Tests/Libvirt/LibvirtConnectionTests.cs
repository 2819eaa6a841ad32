using StackFsck.Libvirt;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// What a repair does to a domain, on libvirt's test driver: look it up by uuid, save its XML,
/// destroy and undefine it, define it again from the XML. The test driver keeps its domains per
/// connection, so each test acts and looks through one connection.
/// </summary>
public sealed class LibvirtConnectionTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zombies-libvirt-rw");

    [Fact]
    public void A_domain_is_found_by_uuid_and_an_absent_uuid_is_none()
    {
        Guid running = Guid.NewGuid();
        using LibvirtConnection libvirt = LibvirtConnection.Open(TestHypervisor.Write(_dir.FullName, (running, "instance-0000000a", TestHypervisor.Running)), readOnly: true);

        Assert.Equal(new Domain(running, "instance-0000000a", DomainState.Running), libvirt.Find(running));
        Assert.Null(libvirt.Find(Guid.NewGuid()));
    }

    [Fact]
    public void Destroy_and_undefine_removes_a_running_domain_and_its_saved_xml_defines_it_again_shut_off()
    {
        Guid zombie = Guid.NewGuid(), other = Guid.NewGuid();
        using LibvirtConnection libvirt = LibvirtConnection.Open(TestHypervisor.Write(_dir.FullName,
            (zombie, "instance-0000000a", TestHypervisor.Running), (other, "instance-0000000b", TestHypervisor.Running)), readOnly: false);

        string xml = libvirt.DefinitionXml(zombie);
        libvirt.DestroyAndUndefine(zombie);

        Assert.Null(libvirt.Find(zombie));
        Assert.Equal([other], libvirt.ListDomains().Select(d => d.Uuid));
        Assert.Contains($"<uuid>{zombie}</uuid>", xml);

        Assert.Equal(new Domain(zombie, "instance-0000000a", DomainState.ShutOff), libvirt.Define(xml));
        Assert.Equal(new Domain(zombie, "instance-0000000a", DomainState.ShutOff), libvirt.Find(zombie));
    }

    [Fact]
    public void A_shut_off_domain_is_undefined_without_a_destroy()
    {
        Guid stopped = Guid.NewGuid();
        using LibvirtConnection libvirt = LibvirtConnection.Open(TestHypervisor.Write(_dir.FullName, (stopped, "instance-0000000c", TestHypervisor.ShutOff)), readOnly: false);

        libvirt.DestroyAndUndefine(stopped);

        Assert.Null(libvirt.Find(stopped));
    }

    [Fact]
    public void A_read_only_connection_cannot_destroy_and_says_why_in_one_line()
    {
        Guid running = Guid.NewGuid();
        using LibvirtConnection libvirt = LibvirtConnection.Open(TestHypervisor.Write(_dir.FullName, (running, "instance-0000000a", TestHypervisor.Running)), readOnly: true);

        var error = Assert.Throws<CheckException>(() => libvirt.DestroyAndUndefine(running));

        Assert.StartsWith($"cannot destroy domain {running}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotNull(libvirt.Find(running));
    }

    [Fact]
    public void Acting_on_an_absent_uuid_names_it()
    {
        Guid absent = Guid.NewGuid();
        using LibvirtConnection libvirt = LibvirtConnection.Open(TestHypervisor.Write(_dir.FullName), readOnly: false);

        var error = Assert.Throws<CheckException>(() => libvirt.DestroyAndUndefine(absent));

        Assert.Equal($"no domain {absent} on libvirt '{libvirt.Uri}'", error.Message);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
