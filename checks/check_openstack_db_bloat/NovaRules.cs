namespace StackFsck.Checks.DbBloat;

/// <summary>
/// Which rows of a Nova cell database <c>nova-manage db archive_deleted_rows</c> moves to the
/// shadow tables and which shadow rows <c>nova-manage db purge</c> then removes, as Zed's
/// nova/db/main/api.py decides, written as SQL conditions on one table's rows.
/// </summary>
internal static class NovaRules
{
    /// <summary>
    /// The foreign keys of Nova's models (child, column, parent, parent column): archiving a
    /// parent row moves the child rows that refer to it, deleted or not, and their children
    /// (instance actions and their events follow their instance).
    /// </summary>
    private static readonly (string Child, string Column, string Parent, string ParentColumn)[] ForeignKeys =
    [
        ("block_device_mapping", "instance_uuid", "instances", "uuid"),
        ("instance_actions", "instance_uuid", "instances", "uuid"),
        ("instance_extra", "instance_uuid", "instances", "uuid"),
        ("instance_faults", "instance_uuid", "instances", "uuid"),
        ("instance_info_caches", "instance_uuid", "instances", "uuid"),
        ("instance_metadata", "instance_uuid", "instances", "uuid"),
        ("instance_system_metadata", "instance_uuid", "instances", "uuid"),
        ("migrations", "instance_uuid", "instances", "uuid"),
        ("security_group_instance_association", "instance_uuid", "instances", "uuid"),
        ("virtual_interfaces", "instance_uuid", "instances", "uuid"),
        ("instance_actions_events", "action_id", "instance_actions", "id"),
        ("pci_devices", "compute_node_id", "compute_nodes", "id"),
        ("reservations", "usage_id", "quota_usages", "id"),
        ("security_group_instance_association", "security_group_id", "security_groups", "id"),
        ("security_group_rules", "parent_group_id", "security_groups", "id"),
        ("security_group_rules", "group_id", "security_groups", "id"),
    ];

    /// <summary>Tables whose models Nova has removed: the archive skips them (their soft-deleted rows stay), the purge still empties their shadow tables.</summary>
    private static readonly HashSet<string> Removed =
    [
        "agent_builds", "networks", "allocations", "resource_provider_aggregates", "fixed_ips", "dns_domains",
        "snapshot_id_mappings", "floating_ips", "cells", "inventories", "volume_id_mappings", "console_pools",
        "aggregate_metadata", "security_group_default_rules", "instance_types", "key_pairs",
        "instance_type_extra_specs", "instance_group_member", "aggregates", "resource_providers",
        "instance_group_policy", "bw_usage_cache", "instance_groups", "consoles", "provider_fw_rules",
        "instance_type_projects", "snapshots", "aggregate_hosts",
    ];

    /// <summary>
    /// Never deleted by Nova, so their deleted_at stays empty: the purge ages them by another
    /// column. (task_log reaches its shadow table only through <c>--task-log</c>, which the
    /// printed archive leaves out: archiving the latest audit period's record makes
    /// nova-compute run that usage audit again.)
    /// </summary>
    private static readonly Dictionary<string, string> PurgeColumnOverrides = new(StringComparer.Ordinal)
    {
        ["instance_actions"] = "created_at",
        ["instance_actions_events"] = "created_at",
        ["task_log"] = "updated_at",
    };

    /// <summary>Whether the archive moves this table's rows: it has a deleted column and a shadow table, and Nova still models it.</summary>
    public static bool IsArchived(TableInfo table, TableSet tables) =>
        !table.IsShadow && table.Deleted != DeletedColumn.None && !Removed.Contains(table.Name)
        && table.Name is not ("migrate_version" or "alembic_version") && tables.Has("shadow_" + table.Name);

    /// <summary>Rows the archive moves: its own soft-deleted rows (deleted before the cutoff), and rows whose parent it moves.</summary>
    public static string Archived(TableInfo table, Cutoff cutoff, TableSet tables)
    {
        // task_log's soft-deleted rows (Nova writes none) are archived whatever their age without --task-log.
        string age = table.Name == "task_log" ? "1" : Cutoff.Sql("deleted_at", cutoff.Before);
        var conditions = new List<string> { $"({TableCount.DeletedPredicate(table)} AND {age})" };
        foreach (var fk in ForeignKeys.Where(fk => fk.Child == table.Name))
        {
            if (tables.Find(fk.Parent) is TableInfo parent && IsArchived(parent, tables))
            {
                // A correlated EXISTS: MariaDB runs "x IN (SELECT ...)" under OR ten times slower (a materialized scan per row).
                conditions.Add($"EXISTS (SELECT 1 FROM {parent.QualifiedName} WHERE {parent.QualifiedName}.{fk.ParentColumn} = {table.QualifiedName}.{fk.Column} AND ({Archived(parent, cutoff, tables)}))");
            }
        }

        return string.Join(" OR ", conditions);
    }

    /// <summary>Rows of a shadow table (or moved into it) that <c>nova-manage db purge</c> removes; null for a table it cannot age.</summary>
    public static string? Purged(TableInfo shadow, Cutoff cutoff)
    {
        string name = shadow.IsShadow ? shadow.Name["shadow_".Length..] : shadow.Name;
        string? column = PurgeColumnOverrides.GetValueOrDefault(name)
            ?? new[] { "deleted_at", "updated_at", "created_at" }.FirstOrDefault(shadow.Timestamps.Contains);
        return cutoff.Before is null ? "1" : column is null ? null : Cutoff.Sql(column, cutoff.Before);
    }

    /// <summary>The soft-deleted rows of tables the archive skips, which nothing removes.</summary>
    public static bool IsLegacy(TableInfo table) => Removed.Contains(table.Name);
}
