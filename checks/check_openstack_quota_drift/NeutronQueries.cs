using StackFsck.OpenStack.Survey;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>
/// Neutron's tracked quota usages (quotausages rows not marked dirty, the ones Neutron trusts)
/// against the rows each project owns, counted as Neutron's TrackedResource counts them.
/// </summary>
internal static class NeutronQueries
{
    /// <summary>Each tracked resource as Neutron names it, and the table its model maps.</summary>
    private static readonly (string Resource, string Table)[] Tracked =
    [
        ("network", "networks"), ("subnet", "subnets"), ("port", "ports"), ("router", "routers"), ("floatingip", "floatingips"),
        ("security_group", "securitygroups"), ("security_group_rule", "securitygrouprules"),
    ];

    public static IReadOnlyList<Probe> For(DriftCategories categories) =>
    [
        new(categories.Neutron, "comparing the Neutron quota usages with what the projects own", DriftSql(),
            row => row.String(1)!,
            row => Drift.Line(row, "no command resyncs it: Neutron recounts a usage only once it is marked dirty")),
    ];

    private static string DriftSql() =>
        "WITH owned AS (" +
        string.Join(" UNION ALL ", Tracked.Select(t => $"SELECT project_id, '{t.Resource}' AS resource, COUNT(*) AS amount FROM {t.Table} GROUP BY project_id")) + ") " +
        Drift.Compare($"FROM quotausages u WHERE u.dirty = 0 AND u.resource IN ({string.Join(", ", Tracked.Select(t => $"'{t.Resource}'"))})");
}
