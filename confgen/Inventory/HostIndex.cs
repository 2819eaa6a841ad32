namespace StackFsck.Confgen.Inventory;

/// <summary>Where a Nagios host lives: environment, cell ("global" for the global control plane), and the servers watching it.</summary>
public sealed record HostLocation(string Environment, string Cell, ServerClass Class, IReadOnlyList<string> Servers, HostSpec Host);

/// <summary>
/// Nagios host name to location, for everything that starts from a name in Nagios output (alert
/// analytics). Host names are unique across the whole inventory, which the loader enforces.
/// </summary>
public sealed class HostIndex
{
    private readonly Dictionary<string, HostLocation> byName;

    private HostIndex(Dictionary<string, HostLocation> byName) => this.byName = byName;

    public int Count => byName.Count;

    public HostLocation? Find(string hostName) => byName.GetValueOrDefault(hostName);

    public static HostIndex Build(IEnumerable<EnvironmentSpec> environments)
    {
        var byName = new Dictionary<string, HostLocation>(StringComparer.Ordinal);
        foreach (EnvironmentSpec environment in environments)
        {
            foreach (Scope scope in environment.Cells.Prepend(environment.Global).OfType<Scope>())
            {
                List<ServerSpec> watching = environment.Servers.Where(s => environment.ScopesOf(s).Contains(scope)).ToList();
                ServerClass @class = watching.Count > 0 ? watching[0].Class : scope.IsGlobal ? ServerClass.Global : ServerClass.Cell;
                List<string> names = watching.Select(s => s.Name).ToList();
                foreach (HostSpec host in scope.AllHosts)
                {
                    byName.TryAdd(host.Name, new HostLocation(environment.Name, scope.Name, @class, names, host));
                }
            }
        }

        return new HostIndex(byName);
    }
}
