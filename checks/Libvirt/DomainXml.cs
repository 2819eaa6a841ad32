using System.Xml;
using System.Xml.Linq;

namespace StackFsck.Libvirt;

/// <summary>
/// Reads the disks and interfaces out of a domain's XML (<c>virsh dumpxml</c>'s text) in one
/// forward pass: <c>devices/disk</c> (target dev, serial, source file/dev/name) and
/// <c>devices/interface</c> (mac address, target dev, virtualport interfaceid); only those
/// elements are built into trees.
/// </summary>
internal static class DomainXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        XmlResolver = null,
    };

    public static DomainDevices Devices(ReadOnlySpan<byte> xml, string domain)
    {
        try
        {
            using var stream = new MemoryStream(xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return Read(reader);
        }
        catch (XmlException error)
        {
            return DomainDevices.Failed($"cannot parse the XML of domain {domain}: {error.Message}");
        }
    }

    private static DomainDevices Read(XmlReader reader)
    {
        var disks = new List<DomainDisk>();
        var interfaces = new List<DomainInterface>();
        reader.Read();
        while (!reader.EOF)
        {
            bool device = reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName is "disk" or "interface";
            if (!device)
            {
                reader.Read();
                continue;
            }

            // ReadFrom leaves the reader on the node after the element.
            var element = (XElement)XNode.ReadFrom(reader);
            if (element.Name.LocalName == "disk")
            {
                disks.Add(Disk(element));
            }
            else
            {
                interfaces.Add(Interface(element));
            }
        }

        return new DomainDevices(disks, interfaces);
    }

    private static DomainDisk Disk(XElement disk)
    {
        XElement? source = disk.Element("source");
        string? serial = disk.Element("serial")?.Value.Trim();
        return new DomainDisk(
            (string?)disk.Element("target")?.Attribute("dev") ?? "?",
            string.IsNullOrEmpty(serial) ? null : serial,
            (string?)source?.Attribute("file") ?? (string?)source?.Attribute("dev") ?? (string?)source?.Attribute("name"),
            (string?)disk.Attribute("device") ?? "disk");
    }

    private static DomainInterface Interface(XElement nic) => new(
        (string?)nic.Element("mac")?.Attribute("address"),
        (string?)nic.Element("target")?.Attribute("dev"),
        (string?)nic.Element("virtualport")?.Element("parameters")?.Attribute("interfaceid"));
}
