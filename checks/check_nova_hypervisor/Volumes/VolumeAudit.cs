using StackFsck.OpenStack.Nova;
using StackFsck.Libvirt;

namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>A volume disk of a domain's XML that Nova or Cinder no longer attaches to its instance.</summary>
internal sealed record StaleVolumeDisk(Domain Domain, DomainDisk Disk, Guid Volume, bool InNova, bool InCinder);

/// <summary>
/// Compares the volume disks of each domain's XML (a disk whose serial is a volume id, as Nova
/// writes it) with Nova's block device mappings and Cinder's attachments. Only domains of live
/// instances with no task under way are judged: zombies and unknown domains are counted as such,
/// and a volume on its way in or out is not a leak. Pure set logic, no I/O.
/// </summary>
internal sealed class VolumeAudit
{
    /// <summary>Volume disks in a domain that Nova has no mapping for, or Cinder no attachment.</summary>
    public List<StaleVolumeDisk> Stale { get; } = [];

    /// <summary>Volumes Nova maps (and Cinder has attached) to a live instance with a domain here, absent from its XML.</summary>
    public List<(Domain Domain, VolumeMapping Mapping)> Missing { get; } = [];

    /// <summary>Domains whose volumes could not be judged, each with the reason.</summary>
    public List<string> Unjudged { get; } = [];

    /// <summary>Volume disks seen in the judged domains.</summary>
    public int VolumeDisks { get; private set; }

    /// <param name="cinder">Cinder's attachments of the volumes, or null when Cinder is not read.</param>
    public static VolumeAudit Run(
        IReadOnlyList<Domain> domains, IReadOnlyDictionary<Guid, NovaInstance> nova, IReadOnlyList<VolumeMapping> mappings,
        IReadOnlyList<CinderAttachment>? cinder)
    {
        var audit = new VolumeAudit();
        ILookup<Guid, VolumeMapping> byInstance = mappings.ToLookup(m => m.Instance);
        ILookup<Guid, CinderAttachment>? byVolume = cinder?.ToLookup(a => a.Volume);
        foreach (Domain domain in domains)
        {
            if (nova.GetValueOrDefault(domain.Uuid) is { Deleted: false, Settled: true } && audit.Readable(domain) is DomainDevices devices)
            {
                audit.Judge(domain, devices, byInstance[domain.Uuid].ToList(), byVolume);
            }
        }

        return audit;
    }

    /// <summary>The volume id a disk carries: its serial, when it is a uuid.</summary>
    public static Guid? VolumeOf(DomainDisk disk) => Guid.TryParse(disk.Serial, out Guid volume) ? volume : null;

    private DomainDevices? Readable(Domain domain)
    {
        DomainDevices? devices = domain.Devices;
        if (devices is null || devices.Unreadable is not null)
        {
            Unjudged.Add(devices?.Unreadable ?? $"domain {domain.Name} ({domain.Uuid}): its XML was not read");
            return null;
        }

        DomainDisk? unnamed = devices.Disks.FirstOrDefault(disk => IsUnnamedVolume(domain, disk));
        if (unnamed is not null)
        {
            Unjudged.Add($"domain {domain.Name} ({domain.Uuid}): disk {unnamed.Target} ({unnamed.Source}) has no serial, so its volume cannot be told");
            return null;
        }

        return devices;
    }

    /// <summary>
    /// A disk that is neither the instance's own (its source names the instance uuid: the instance
    /// directory, an rbd image uuid_disk, an LVM volume) nor a CD-ROM, and has no volume id as serial.
    /// </summary>
    private static bool IsUnnamedVolume(Domain domain, DomainDisk disk) =>
        disk.Device is "disk" or "lun" && VolumeOf(disk) is null
        && !(disk.Source ?? "").Contains(domain.Uuid.ToString("D"), StringComparison.OrdinalIgnoreCase);

    private void Judge(Domain domain, DomainDevices devices, List<VolumeMapping> mapped, ILookup<Guid, CinderAttachment>? cinder)
    {
        var present = new HashSet<Guid>();
        foreach (DomainDisk disk in devices.Disks)
        {
            if (VolumeOf(disk) is not Guid volume)
            {
                continue;
            }

            VolumeDisks++;
            present.Add(volume);
            bool inNova = mapped.Any(m => m.Volume == volume);
            bool inCinder = cinder is null || cinder[volume].Any(a => a.Instance == domain.Uuid && a.Holds);
            if (!inNova || !inCinder)
            {
                Stale.Add(new StaleVolumeDisk(domain, disk, volume, inNova, inCinder));
            }
        }

        foreach (VolumeMapping mapping in mapped.Where(m => !present.Contains(m.Volume)))
        {
            if (cinder is null || cinder[mapping.Volume].Any(a => a.Instance == domain.Uuid && a.Attached))
            {
                Missing.Add((domain, mapping));
            }
        }
    }
}
