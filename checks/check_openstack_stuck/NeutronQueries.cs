using StackFsck.OpenStack.Survey;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>Ports whose binding failed: ML2 found no mechanism driver able to bind them on their host.</summary>
internal static class NeutronQueries
{
    public static IReadOnlyList<Probe> For(StuckCategories categories) =>
    [
        new(categories.Bindings, "reading the failed port bindings",
            "SELECT p.id, p.project_id, b.host, p.device_owner, " + Age.Since("COALESCE(s.updated_at, s.created_at)") + " " +
            "FROM ml2_port_bindings b JOIN ports p ON p.id = b.port_id LEFT JOIN standardattributes s ON s.id = p.standard_attr_id " +
            "WHERE b.vif_type = 'binding_failed' ORDER BY 5 DESC",
            _ => "binding_failed",
            row => Describe.Line($"port {row.String(0)} ({Describe.Text(row, 3) ?? "no owner"})", Describe.Text(row, 1), Describe.Text(row, 2),
                "binding failed", row.Int64(4),
                Remedy(row.String(0)!, Describe.Text(row, 2)))),
    ];

    /// <summary>A binding fails most often because the agent on the host is down or lacks the network's physical network.</summary>
    private static string Remedy(string port, string? host) => host is null
        ? $"look: openstack port show {port}"
        : $"look: openstack port show {port}; is the agent on its host alive: openstack network agent list --host {host}";
}
