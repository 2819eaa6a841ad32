using StackFsck.OpenStack.Nova;
using StackFsck.Checks.NovaHypervisor.Libvirt;
using StackFsck.OpenStack;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>
/// The volume part of the hypervisor audit: Nova's mappings from the cell database, Cinder's
/// attachments from its own (options as check_openstack_orphans has them, unset values from the
/// cell's login), compared with the domains' disks. A database that cannot be read is one
/// UNKNOWN line; the rest of the audit stands.
/// </summary>
internal static class VolumeCheck
{
    private static readonly Option<bool> NoCinder = new("--no-cinder")
    {
        Description = "do not read Cinder's attachments: Nova's block device mappings alone say what is attached",
    };

    private static readonly ServiceDatabaseOptions Cinder = new("cinder", "Cinder");

    public static IEnumerable<Option> Options => [NoCinder, .. Cinder.Options, .. VolumeReport.Options];

    public static void Run(CheckContext context, Report report, DatabaseConnection cell, IReadOnlyList<Domain> domains,
        IReadOnlyDictionary<Guid, NovaInstance> nova, string libvirtUri, int list)
    {
        bool cinderRead = !context.Get(NoCinder);
        try
        {
            List<VolumeMapping> mappings = VolumeSources.NovaMappings(cell, [.. nova.Keys]);
            List<CinderAttachment>? attachments = cinderRead ? ReadCinder(context, cell.Settings, domains, mappings) : null;
            VolumeReport.Add(report, VolumeAudit.Run(domains, nova, mappings, attachments), libvirtUri, cinderRead, list, context);
        }
        catch (CheckException error)
        {
            report.Declare(Status.Unknown, $"volumes not compared: {error.Message}");
        }
    }

    private static List<CinderAttachment> ReadCinder(CheckContext context, DatabaseSettings cell, IReadOnlyList<Domain> domains, List<VolumeMapping> mappings)
    {
        HashSet<Guid> volumes = [.. mappings.Select(m => m.Volume)];
        foreach (DomainDisk disk in domains.SelectMany(d => d.Devices?.Disks ?? []))
        {
            if (VolumeAudit.VolumeOf(disk) is Guid volume)
            {
                volumes.Add(volume);
            }
        }

        using DatabaseConnection cinder = DatabaseConnection.Open(context, Cinder.Read(context, cell));
        return VolumeSources.CinderAttachments(cinder, volumes);
    }
}
