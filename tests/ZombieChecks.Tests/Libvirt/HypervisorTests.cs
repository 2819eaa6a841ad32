using StackFsck.Libvirt;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>The libvirt binding against libvirt's own test driver: every domain, running or not, with uuid, name and state.</summary>
public sealed class HypervisorTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zombies-libvirt");

    [Fact]
    public void Lists_running_and_defined_domains_with_uuid_name_and_state()
    {
        Guid running = Guid.NewGuid(), stopped = Guid.NewGuid();
        string uri = TestHypervisor.Write(_dir.FullName,
            (running, "instance-0000000a", TestHypervisor.Running), (stopped, "instance-0000000b", TestHypervisor.ShutOff));

        List<Domain> domains = Hypervisor.ListDomains(uri);

        Assert.Equal(
            [new Domain(running, "instance-0000000a", DomainState.Running), new Domain(stopped, "instance-0000000b", DomainState.ShutOff)],
            domains.OrderBy(d => d.Name));
    }

    [Fact]
    public void A_hypervisor_without_domains_lists_none()
    {
        Assert.Empty(Hypervisor.ListDomains(TestHypervisor.Write(_dir.FullName)));
    }

    [Fact]
    public void An_unusable_uri_is_one_line_with_libvirts_reason()
    {
        var error = Assert.Throws<CheckException>(() => Hypervisor.ListDomains("test://" + Path.Combine(_dir.FullName, "absent.xml")));

        Assert.StartsWith("cannot connect to libvirt 'test://", error.Message);
        Assert.Contains("absent.xml", error.Message);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
