using StackFsck.Libvirt;

namespace StackFsck.Tests.Zombies;

/// <summary>Whether the check runs on the node it audits, from the libvirt URI.</summary>
public class LibvirtUrisTests
{
    [Theory]
    [InlineData("qemu+ssh://cmp1.example.net/system", true)]
    [InlineData("qemu+tcp://192.0.2.5/system", true)]
    [InlineData("qemu:///system", false)]
    [InlineData("test:///tmp/node.xml", false)]
    [InlineData("test:///default", false)]
    public void A_uri_naming_a_host_is_remote(string uri, bool remote) => Assert.Equal(remote, LibvirtUris.IsRemote(uri));
}
