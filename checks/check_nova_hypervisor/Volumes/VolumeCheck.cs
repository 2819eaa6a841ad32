using StackFsck.Checks.NovaHypervisor.Iscsi;
using StackFsck.Libvirt;
using StackFsck.OpenStack;
using StackFsck.OpenStack.Iscsi;
using StackFsck.OpenStack.Nova;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>
/// The volume part of the hypervisor audit: Nova's mappings from the cell database, Cinder's
/// attachments from its own (options as check_openstack_orphans has them, unset values from the
/// cell's login), compared with the domains' disks; and the targets of the mappings' connection_info
/// with the node's iSCSI sessions in sysfs. A source that cannot be read is one UNKNOWN line; the
/// rest of the audit stands.
/// </summary>
internal static class VolumeCheck
{
    private static readonly ServiceDatabaseOptions Cinder =
        new("cinder", "Cinder", "do not read Cinder's attachments: Nova's block device mappings alone say what is attached", HypervisorCheck.InheritsFromCell);

    private static readonly Option<string> IscsiSysfs = new("--iscsi-sysfs")
    {
        Description = "where the kernel lists this node's iSCSI sessions (not read when --libvirt-uri names another host)",
        HelpName = "DIR",
        DefaultValueFactory = () => IscsiSessions.DefaultDirectory,
    };

    public static IEnumerable<Option> Options => [Cinder.Skip, IscsiSysfs, .. Cinder.Options, .. VolumeReport.Options, .. IscsiReport.Options];

    public static void Run(CheckContext context, Report report, DatabaseConnection cell, IReadOnlyList<Domain> domains,
        IReadOnlyDictionary<Guid, NovaInstance> nova, string host, string libvirtUri, int list)
    {
        try
        {
            DatabaseSettings? cinder = Cinder.Read(context, cell.Settings);
            List<VolumeMapping> mappings = VolumeMappings.Read(cell, [.. nova.Keys]);
            List<CinderAttachment>? attachments = cinder is null ? null : ReadCinder(context, cinder, domains, mappings);
            VolumeReport.Add(report, VolumeAudit.Run(domains, nova, mappings, attachments), libvirtUri, cinderRead: cinder is not null, list, context);
            CompareSessions(context, report, mappings, nova, host, libvirtUri, list);
        }
        catch (CheckException error)
        {
            report.Declare(Status.Unknown, $"volumes not compared: {error.Message}");
        }
    }

    private static void CompareSessions(CheckContext context, Report report, List<VolumeMapping> mappings,
        IReadOnlyDictionary<Guid, NovaInstance> nova, string host, string libvirtUri, int list)
    {
        if (LibvirtUris.IsRemote(libvirtUri))
        {
            report.Detail($"iSCSI sessions not compared: the node's sysfs is not here (libvirt {libvirtUri} is another host)");
            return;
        }

        string sysfs = context.Get(IscsiSysfs);
        context.Stage($"reading the iSCSI sessions in {sysfs}");
        List<IscsiSession> sessions;
        try
        {
            sessions = IscsiSessions.Read(sysfs);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            report.Declare(Status.Unknown, $"iSCSI sessions not compared: cannot read {sysfs}: {error.Message}");
            return;
        }

        context.Log(1, $"{sessions.Count} iSCSI sessions in {sysfs}");
        IscsiReport.Add(report, IscsiAudit.Run(sessions, mappings, nova, host), list, context);
    }

    private static List<CinderAttachment> ReadCinder(CheckContext context, DatabaseSettings settings, IReadOnlyList<Domain> domains, List<VolumeMapping> mappings)
    {
        HashSet<Guid> volumes = [.. mappings.Select(m => m.Volume)];
        foreach (DomainDisk disk in domains.SelectMany(d => d.Devices?.Disks ?? []))
        {
            if (VolumeAudit.VolumeOf(disk) is Guid volume)
            {
                volumes.Add(volume);
            }
        }

        using DatabaseConnection cinder = DatabaseConnection.Open(context, settings);
        return VolumeSources.CinderAttachments(cinder, volumes);
    }
}
