using StackFsck.OpenStack.Nova;
using StackFsck.Libvirt;
using StackFsck.Plugin;

namespace StackFsck.Checks.NovaHypervisor;

/// <summary>
/// Compares one hypervisor (its domains and instance directories) with what Nova says about the
/// same uuids and about the instances it places on this host. Pure set logic on data read
/// beforehand: no I/O, so every category can be tested without a cloud.
/// </summary>
internal sealed class ZombieAudit
{
    /// <summary>Domains whose instance Nova deleted before the grace period began.</summary>
    public List<(Domain Domain, NovaInstance Instance)> Zombies { get; } = [];

    /// <summary>Instances Nova runs on this host that have no domain here.</summary>
    public List<NovaInstance> Missing { get; } = [];

    /// <summary>Domains whose live instance Nova places on another host.</summary>
    public List<(Domain Domain, NovaInstance Instance)> Misplaced { get; } = [];

    /// <summary>Domains Nova has no record of, neither live, deleted nor archived.</summary>
    public List<Domain> Unknown { get; } = [];

    /// <summary>Instance directories of deleted (past the grace period) or unknown instances.</summary>
    public List<(InstanceDirectory Directory, NovaInstance? Instance)> Leftovers { get; } = [];

    public long LeftoverBytes => Leftovers.Sum(l => l.Directory.Bytes);

    /// <summary>Domains of instances deleted within the grace period: Nova may still be tearing them down.</summary>
    public int RecentlyDeleted { get; private set; }

    /// <summary>Unknown domains left out by --ignore-domain.</summary>
    public int Ignored { get; private set; }

    public int Domains { get; private set; }

    /// <summary>Instances Nova expects a domain for on this host.</summary>
    public int Expected { get; private set; }

    /// <param name="nova">Nova's rows for every uuid seen here and for every live instance on <paramref name="host"/>.</param>
    public static ZombieAudit Run(
        string host, IReadOnlyList<Domain> domains, IReadOnlyList<InstanceDirectory> directories,
        IReadOnlyDictionary<Guid, NovaInstance> nova, DateTime cutoff, TextPattern? ignore)
    {
        var audit = new ZombieAudit { Domains = domains.Count };
        foreach (Domain domain in domains)
        {
            audit.Judge(domain, nova.GetValueOrDefault(domain.Uuid), host, cutoff, ignore);
        }

        HashSet<Guid> present = domains.Select(d => d.Uuid).ToHashSet();
        foreach (NovaInstance instance in nova.Values.Where(i => i.IsOn(host) && i.ExpectsDomain))
        {
            audit.Expected++;
            if (!present.Contains(instance.Uuid))
            {
                audit.Missing.Add(instance);
            }
        }

        foreach (InstanceDirectory directory in directories)
        {
            NovaInstance? instance = nova.GetValueOrDefault(directory.Uuid);
            if (InstanceDirectories.IsLeftover(instance, cutoff))
            {
                audit.Leftovers.Add((directory, instance));
            }
        }

        return audit;
    }

    private void Judge(Domain domain, NovaInstance? instance, string host, DateTime cutoff, TextPattern? ignore)
    {
        if (instance is null)
        {
            bool ignored = ignore?.IsMatch(domain.Name) == true;
            Ignored += ignored ? 1 : 0;
            if (!ignored)
            {
                Unknown.Add(domain);
            }
        }
        else if (instance.Deleted)
        {
            bool old = NovaInstance.IsZombie(instance, cutoff);
            RecentlyDeleted += old ? 0 : 1;
            if (old)
            {
                Zombies.Add((domain, instance));
            }
        }
        else if (!instance.IsOn(host) && instance.Settled)
        {
            Misplaced.Add((domain, instance));
        }
    }
}
