using System.Security;
using System.Text;

namespace StackFsck.Tests.Zombies;

/// <summary>A hypervisor for libvirt's test driver: a node XML file listing domains, opened as <c>test:///ABSOLUTE/PATH</c>.</summary>
public static class TestHypervisor
{
    /// <summary>libvirt domain states (virDomainState) the tests use.</summary>
    public const int Running = 1;
    public const int ShutOff = 5;

    /// <summary>Writes the node file and returns its URI.</summary>
    public static string Write(string directory, params (Guid Uuid, string Name, int State)[] domains)
    {
        var xml = new StringBuilder("<node>\n");
        foreach ((Guid uuid, string name, int state) in domains)
        {
            xml.Append("  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>")
                .Append($"<name>{SecurityElement.Escape(name)}</name><uuid>{uuid}</uuid><memory>65536</memory>")
                .Append($"<os><type>hvm</type></os><test:runstate>{state}</test:runstate></domain>\n");
        }

        string path = Path.Combine(directory, "node.xml");
        File.WriteAllText(path, xml.Append("</node>\n").ToString());
        return "test://" + path;
    }
}
