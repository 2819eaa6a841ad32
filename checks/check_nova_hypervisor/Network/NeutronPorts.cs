using StackFsck.Plugin.Database;

namespace StackFsck.Checks.NovaHypervisor.Network;

/// <summary>A Neutron port with the hosts it is bound to (ml2_port_bindings: more than one while it migrates).</summary>
internal sealed record NeutronPort(Guid Id, string Mac, string DeviceId, IReadOnlyList<string> Hosts)
{
    public bool BoundTo(string host) => Hosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Reads the Neutron ports the network audit needs: those the node's OVS interfaces name
/// (ports.id, the primary key) and those of the instances seen here (ports.device_id, indexed).
/// The whole ports table (500,000 rows in a large cloud) is never scanned.
/// </summary>
internal static class NeutronPorts
{
    public static Dictionary<Guid, NeutronPort> Read(DatabaseConnection neutron, IReadOnlyCollection<Guid> ids, IReadOnlyCollection<Guid> devices)
    {
        var rows = new Dictionary<Guid, (string Mac, string Device, List<string> Hosts)>();
        var where = new List<string>();
        if (ids.Count > 0)
        {
            where.Add($"p.id IN ({Sql.UuidList(ids)})");
        }

        if (devices.Count > 0)
        {
            where.Add($"p.device_id IN ({Sql.UuidList(devices)})");
        }

        if (where.Count == 0)
        {
            return [];
        }

        string sql = "SELECT p.id, p.mac_address, p.device_id, b.host FROM ports p LEFT JOIN ml2_port_bindings b ON b.port_id = p.id " +
            $"WHERE {string.Join(" OR ", where)}";
        foreach (DatabaseRow row in neutron.Query(sql, "reading the Neutron ports of this host"))
        {
            if (!Guid.TryParse(row.String(0), out Guid id))
            {
                continue;
            }

            if (!rows.TryGetValue(id, out var port))
            {
                port = (row.String(1) ?? "", row.String(2) ?? "", []);
                rows[id] = port;
            }

            if (row.String(3) is string host && host.Length > 0)
            {
                port.Hosts.Add(host);
            }
        }

        return rows.ToDictionary(r => r.Key, r => new NeutronPort(r.Key, r.Value.Mac, r.Value.Device, r.Value.Hosts));
    }
}
