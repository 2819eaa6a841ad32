using System.Globalization;
using StackFsck.Libvirt;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Remedy.Repairs.LeftoverDisk;

/// <summary>An instance directory the check counts as leftover, and why; <paramref name="Domain"/> names the domain libvirt still defines for it (then it stays).</summary>
internal sealed record LeftoverDirectory(Guid Uuid, string Path, long Bytes, string Why, string? Domain = null);

/// <summary>What became of one planned directory when the repair acted.</summary>
internal sealed record LeftoverOutcome(LeftoverDirectory Directory, string Outcome, string? MovedTo, string Detail);

/// <summary>
/// The leftover-disk repair: the instance directories check_nova_hypervisor counts as leftover
/// (deleted past the grace, or unknown to Nova) are moved by rename(2) into
/// <c>INSTANCES/_quarantine/YYYY-MM-DD/</c>, never deleted; the scan does not count that folder,
/// and a rename within the instances path cannot half copy a disk.
/// </summary>
internal static class LeftoverDisks
{
    public const string QuarantineFolder = "_quarantine";

    /// <summary>The leftovers as the check counts them, each with the domain libvirt defines for its uuid, if any.</summary>
    public static List<LeftoverDirectory> Plan(NovaCellReader nova, LibvirtConnection libvirt, string instancesPath, string host, DateTime cutoff)
    {
        List<InstanceDirectory> directories = InstanceDirectories.Scan(instancesPath);
        Dictionary<Guid, string> domains = libvirt.ListDomains().ToDictionary(d => d.Uuid, d => d.Name);
        Dictionary<Guid, NovaInstance> known = nova.Read(host, directories.Select(d => d.Uuid).Distinct().ToList());
        return directories
            .Select(d => (directory: d, instance: known.GetValueOrDefault(d.Uuid)))
            .Where(entry => InstanceDirectories.IsLeftover(entry.instance, cutoff))
            .Select(entry => new LeftoverDirectory(
                entry.directory.Uuid, entry.directory.Path, entry.directory.Bytes, Why(entry.instance), domains.GetValueOrDefault(entry.directory.Uuid)))
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The day's quarantine folder (UTC date), inside the instances path so a move stays on one file system.</summary>
    public static string Quarantine(string instancesPath, DateTimeOffset now) =>
        Path.Combine(instancesPath, QuarantineFolder, now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>
    /// Asks Nova and libvirt again just before moving: an instance restored (or a uuid reused) since
    /// the plan keeps its directory, and so does one whose domain is defined meanwhile (a disk in use).
    /// Nothing in the quarantine is ever overwritten.
    /// </summary>
    public static LeftoverOutcome Act(LeftoverDirectory planned, NovaCellReader nova, LibvirtConnection libvirt, string host, DateTime cutoff, string quarantine)
    {
        NovaInstance? now = nova.Read(host, [planned.Uuid]).GetValueOrDefault(planned.Uuid);
        if (!InstanceDirectories.IsLeftover(now, cutoff))
        {
            return new LeftoverOutcome(planned, "left-alone", null, $"Nova has the instance again ({InstanceWords.Now(now!)})");
        }

        if (libvirt.Find(planned.Uuid) is Domain domain)
        {
            return new LeftoverOutcome(planned, "left-alone", null, $"libvirt defines its domain {domain.Name}");
        }

        string to = Path.Combine(quarantine, Path.GetFileName(planned.Path));
        try
        {
            Directory.CreateDirectory(quarantine);
            Directory.Move(planned.Path, to);
            return new LeftoverOutcome(planned, "moved", to, Why(now));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new LeftoverOutcome(planned, "failed", null, $"cannot move it to {to}: {error.Message}");
        }
    }

    private static string Why(NovaInstance? instance) => instance is null ? "unknown to Nova" : InstanceWords.Deleted(instance);
}
