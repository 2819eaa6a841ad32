namespace StackFsck.Confgen.Nagios;

/// <summary>
/// The references nagios4 resolves to a service on a host: both ends of a service dependency and
/// the service of an escalation. A name that exists somewhere is not enough: the service must be
/// defined on that very host (directly, or through one of the host's hostgroups), or nagios4
/// refuses the whole configuration.
/// </summary>
internal sealed class ServiceReferences
{
    private readonly ObjectSet objects;
    private readonly Dictionary<string, HashSet<string>> hostsOfGroup = new(StringComparer.Ordinal);
    private readonly HashSet<(string Host, string Service)> services = [];

    private ServiceReferences(IReadOnlyList<NagiosObject> all)
    {
        objects = new ObjectSet(all);
        foreach (NagiosObject host in objects.Real("host"))
        {
            string name = host.Get("host_name") ?? "";
            foreach (string group in Split(objects.Resolve(host, "hostgroups")))
            {
                HostsOf(group).Add(name);
            }
        }

        foreach (NagiosObject group in objects.Real("hostgroup"))
        {
            HostsOf(group.Get("hostgroup_name") ?? "").UnionWith(group.List("members"));
        }

        foreach (NagiosObject service in objects.Real("service"))
        {
            string description = objects.Resolve(service, "service_description") ?? "";
            foreach (string host in Hosts(service, "host_name", "hostgroup_name"))
            {
                services.Add((host, description));
            }
        }
    }

    public static void Check(IReadOnlyList<NagiosObject> all, List<string> errors)
    {
        var references = new ServiceReferences(all);
        foreach (NagiosObject dependency in references.objects.Real("servicedependency"))
        {
            references.CheckDependency(dependency, errors);
        }

        foreach (NagiosObject escalation in references.objects.Real("serviceescalation"))
        {
            references.Require(escalation, references.Hosts(escalation, "host_name", "hostgroup_name"), "service_description", errors);
        }
    }

    /// <summary>
    /// The master service on each master host; the dependent service on each dependent host, which
    /// is the master host itself when no dependent host or hostgroup is named (as nagios4 reads it).
    /// </summary>
    private void CheckDependency(NagiosObject dependency, List<string> errors)
    {
        List<string> masters = Hosts(dependency, "host_name", "hostgroup_name").ToList();
        Require(dependency, masters, "service_description", errors);
        List<string> dependents = Hosts(dependency, "dependent_host_name", "dependent_hostgroup_name").ToList();
        Require(dependency, dependents.Count > 0 ? dependents : masters, "dependent_service_description", errors);
    }

    private void Require(NagiosObject item, IEnumerable<string> hosts, string key, List<string> errors)
    {
        foreach (string service in Split(objects.Resolve(item, key)))
        {
            foreach (string host in hosts.Where(h => !services.Contains((h, service))))
            {
                errors.Add($"{item.Where}: {key} names service '{service}' on host '{host}', which is not defined there");
            }
        }
    }

    private IEnumerable<string> Hosts(NagiosObject item, string hostKey, string groupKey) =>
        Split(objects.Resolve(item, hostKey))
            .Concat(Split(objects.Resolve(item, groupKey)).SelectMany(group => hostsOfGroup.GetValueOrDefault(group) ?? []))
            .Distinct(StringComparer.Ordinal);

    private HashSet<string> HostsOf(string group) =>
        hostsOfGroup.TryGetValue(group, out HashSet<string>? hosts) ? hosts : hostsOfGroup[group] = new HashSet<string>(StringComparer.Ordinal);

    private static string[] Split(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
