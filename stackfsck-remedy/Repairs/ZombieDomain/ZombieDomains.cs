using StackFsck.Libvirt;
using StackFsck.OpenStack.Nova;
using StackFsck.Plugin;

namespace StackFsck.Remedy.Repairs.ZombieDomain;

/// <summary>A domain the plan would remove, and why.</summary>
internal sealed record ZombieDomainItem(Guid Uuid, string Name, DomainState State, string Why);

/// <summary>What became of one planned domain when the repair acted; <paramref name="SavedXml"/> is its definition, kept for the undo.</summary>
internal sealed record ZombieOutcome(ZombieDomainItem Domain, string Outcome, string? SavedXml, string Detail);

/// <summary>
/// The zombie-domain repair: a domain check_nova_hypervisor counts as a zombie (its instance deleted
/// in Nova before the grace began) is destroyed and undefined, after its definition is saved so that
/// the undo can define it again. Nova and libvirt are both asked again just before each act.
/// </summary>
internal static class ZombieDomains
{
    public static List<ZombieDomainItem> Plan(NovaCellReader nova, LibvirtConnection libvirt, string host, DateTime cutoff)
    {
        List<Domain> domains = libvirt.ListDomains();
        Dictionary<Guid, NovaInstance> known = nova.Read(host, domains.Select(d => d.Uuid).Distinct().ToList());
        return domains
            .Where(d => NovaInstance.IsZombie(known.GetValueOrDefault(d.Uuid), cutoff))
            .Select(d => new ZombieDomainItem(d.Uuid, d.Name, d.State, InstanceWords.Deleted(known[d.Uuid])))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Leaves the domain alone when Nova has the instance again (restored, or its uuid reused) or libvirt
    /// no longer defines the same domain; otherwise saves its XML into <paramref name="folder"/>, then destroys and undefines it.
    /// </summary>
    public static ZombieOutcome Act(ZombieDomainItem planned, NovaCellReader nova, LibvirtConnection libvirt, string host, DateTime cutoff, string folder)
    {
        NovaInstance? instance = nova.Read(host, [planned.Uuid]).GetValueOrDefault(planned.Uuid);
        if (!NovaInstance.IsZombie(instance, cutoff))
        {
            return new ZombieOutcome(planned, "left-alone", null,
                instance is null ? "Nova has no record of the instance any more" : $"Nova has the instance again ({InstanceWords.Now(instance)})");
        }

        Domain? domain = libvirt.Find(planned.Uuid);
        if (domain is null || domain.Name != planned.Name)
        {
            return new ZombieOutcome(planned, "left-alone", null,
                domain is null ? "libvirt no longer defines it" : $"the uuid now names domain {domain.Name}");
        }

        string xml = Path.Combine(folder, $"{planned.Uuid}.xml");
        try
        {
            Save(xml, libvirt.DefinitionXml(planned.Uuid));
            libvirt.DestroyAndUndefine(planned.Uuid);
            return new ZombieOutcome(planned, "removed", xml, InstanceWords.Deleted(instance!));
        }
        catch (CheckException error)
        {
            return new ZombieOutcome(planned, "failed", File.Exists(xml) ? xml : null, error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new ZombieOutcome(planned, "failed", null, $"cannot save its XML to {xml}: {error.Message}");
        }
    }

    /// <summary>Readable by its owner only: the definition holds secrets (VNC and SPICE passwords). Never overwrites.</summary>
    private static void Save(string path, string xml)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        using var writer = new StreamWriter(file);
        writer.Write(xml);
    }
}
