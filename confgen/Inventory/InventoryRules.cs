namespace StackFsck.Confgen.Inventory;

/// <summary>Checks that need the whole inventory: unique host names, endpoints on known hosts, servers watching known cells.</summary>
internal static class InventoryRules
{
    public static void Check(InventoryModel model)
    {
        var hosts = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (EnvironmentSpec environment in model.Environments)
        {
            CheckServers(environment);
            foreach (Scope scope in environment.Cells.Prepend(environment.Global).OfType<Scope>())
            {
                foreach (HostSpec host in scope.AllHosts)
                {
                    if (!hosts.TryAdd(host.Name, host.Source))
                    {
                        throw InventoryException.At(host.Source, $"duplicate host '{host.Name}' (first defined at {hosts[host.Name]})");
                    }
                }

                CheckEndpoints(scope);
                if (!environment.Servers.Any(server => environment.ScopesOf(server).Contains(scope)))
                {
                    throw InventoryException.At(scope.Source, $"no server of environment '{environment.Name}' watches scope '{scope.Name}': its hosts would go unmonitored");
                }
            }
        }
    }

    private static void CheckServers(EnvironmentSpec environment)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ServerSpec server in environment.Servers)
        {
            if (!names.Add(server.Name))
            {
                throw InventoryException.At(server.Source, $"duplicate server '{server.Name}'");
            }

            if (server.Class == ServerClass.Global && server.Cells.Count > 0)
            {
                throw InventoryException.At(server.Source, $"global server '{server.Name}' watches no cells: make it 'mixed' or drop 'cells'");
            }

            if (server.Class == ServerClass.Cell && server.Cells.Count == 0)
            {
                throw InventoryException.At(server.Source, $"cell server '{server.Name}' must list its 'cells'");
            }

            foreach (string cell in server.Cells.Where(c => environment.Cells.All(known => known.Name != c)))
            {
                throw InventoryException.At(server.Source, $"server '{server.Name}' watches cell '{cell}', which environment '{environment.Name}' does not define");
            }
        }
    }

    private static void CheckEndpoints(Scope scope)
    {
        var known = scope.AllHosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        IEnumerable<(string Host, SourceLocation Where)> endpoints = scope.RabbitMq.Select(e => (e.Host, e.Source))
            .Concat(scope.Databases.Select(e => (e.Host, e.Source)))
            .Concat(scope.Keystone.Select(e => (e.Host, e.Source)));
        foreach ((string host, SourceLocation where) in endpoints.Where(e => !known.Contains(e.Host)))
        {
            throw InventoryException.At(where, $"endpoint host '{host}' is not a host of scope '{scope.Name}'");
        }
    }
}
