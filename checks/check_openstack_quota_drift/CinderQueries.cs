using StackFsck.OpenStack.Survey;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>
/// Cinder's quota usages against what each project owns, counted as Zed's cinder-manage quota
/// check counts them (cinder/db/sqlalchemy/api.py, the _sync_* functions), and its reservations
/// past their expiry.
/// </summary>
internal static class CinderQueries
{
    private const string GlobalResources = "'volumes', 'gigabytes', 'snapshots', 'backups', 'backup_gigabytes'";

    /// <summary>
    /// The volumes a quota counts: not deleted, not the target of a migration, not a temporary
    /// volume (admin metadata temporary=True) and not marked use_quota = false.
    /// </summary>
    private const string CountedVolume = "deleted = 0 AND (migration_status IS NULL OR migration_status NOT LIKE 'target:%') AND use_quota IS NOT FALSE " +
        "AND NOT EXISTS (SELECT 1 FROM volume_admin_metadata m WHERE m.volume_id = volumes.id AND m.deleted = 0 AND m.`key` = 'temporary' AND m.value = 'True')";

    /// <summary>
    /// The usages of resources the quota engine knows (the global ones, and the per-type ones of the
    /// volume types not deleted): usages of others (groups, a deleted type) are left out, as
    /// cinder-manage cannot check them either.
    /// </summary>
    private const string KnownResource = $"(u.resource IN ({GlobalResources}) OR u.resource IN " +
        "(SELECT CONCAT(p.part, t.name) FROM volume_types t, (SELECT 'volumes_' AS part UNION ALL SELECT 'gigabytes_' UNION ALL SELECT 'snapshots_') p WHERE t.deleted = 0))";

    public static IReadOnlyList<Probe> For(DriftCategories categories, bool snapshotGigabytes) =>
    [
        new(categories.Cinder, "comparing the Cinder quota usages with what the projects own", DriftSql(snapshotGigabytes),
            row => row.String(1)!,
            // Zed's cinder-manage quota sync reports a usage fixed but saves nothing (its sync runs in a
            // read-only transaction), so the line names the command that confirms, not that one.
            row => Drift.Line(row, Confirm(row))),
        new(categories.Reserved, "comparing the Cinder quota usages' reserved with their reservations", ReservedSql,
            row => row.String(1)!,
            row => Drift.ReservedLine(row, Confirm(row))),
        new(categories.Reservations, "reading the expired Cinder reservations",
            "SELECT uuid, project_id, resource, delta, " + Age.Since("expire") + " FROM reservations " +
            "WHERE deleted = 0 AND expire < UTC_TIMESTAMP() ORDER BY 5 DESC",
            row => row.String(2)!,
            row => Describe.Line($"reservation {row.String(0)} of {row.Int64(3):+#;-#;0} {row.String(2)}", Describe.Text(row, 1), null, "expired", row.Int64(4),
                "cinder-scheduler removes expired reservations every reservation_clean_interval; is it up: openstack volume service list --service cinder-scheduler")),
    ];

    private static string Confirm(DatabaseRow row) => $"confirm: cinder-manage quota check --project-id {row.String(0)}";

    /// <summary>
    /// Each usage's reserved against the positive deltas of its reservations not deleted (of the
    /// same project), as cinder-manage quota check adds them; one statement, so it never sees a
    /// request half made (Cinder writes a reservation and its usage's reserved in one transaction).
    /// </summary>
    private const string ReservedSql =
        "SELECT u.project_id, u.resource, u.reserved, CAST(COALESCE(r.held, 0) AS SIGNED) FROM quota_usages u " +
        "LEFT JOIN (SELECT usage_id, project_id, SUM(delta) AS held FROM reservations WHERE deleted = 0 AND delta > 0 GROUP BY usage_id, project_id) r " +
        "ON r.usage_id = u.id AND r.project_id = u.project_id " +
        "WHERE u.deleted = 0 AND " + KnownResource + " AND u.reserved <> COALESCE(r.held, 0) ORDER BY u.project_id, u.resource";

    /// <summary>
    /// One statement: what each project owns per resource (volumes, gigabytes, snapshots, backups,
    /// backup_gigabytes and the per-type volumes_T, gigabytes_T, snapshots_T of every volume type
    /// not deleted), compared with the usages Cinder keeps; only the rows that differ come back.
    /// </summary>
    private static string DriftSql(bool snapshotGigabytes) =>
        "WITH vol AS (SELECT project_id, volume_type_id, COUNT(*) AS n, SUM(size) AS g FROM volumes WHERE " + CountedVolume + " GROUP BY project_id, volume_type_id), " +
        // A snapshot's type is its volume's (deleted or not), as Cinder's per-type count joins it.
        "snap AS (SELECT s.project_id, v.volume_type_id, COUNT(*) AS n, SUM(s.volume_size) AS g FROM snapshots s LEFT JOIN volumes v ON v.id = s.volume_id " +
        "WHERE s.deleted = 0 AND s.use_quota IS NOT FALSE GROUP BY s.project_id, v.volume_type_id), " +
        "bak AS (SELECT project_id, COUNT(*) AS n, SUM(size) AS g FROM backups WHERE deleted = 0 GROUP BY project_id), " +
        "types AS (SELECT id, name FROM volume_types WHERE deleted = 0), " +
        "gig AS (SELECT project_id, volume_type_id, g FROM vol" + (snapshotGigabytes ? " UNION ALL SELECT project_id, volume_type_id, g FROM snap" : "") + "), " +
        "owned AS (SELECT project_id, 'volumes' AS resource, SUM(n) AS amount FROM vol GROUP BY project_id " +
        "UNION ALL SELECT project_id, 'gigabytes', SUM(g) FROM gig GROUP BY project_id " +
        "UNION ALL SELECT project_id, 'snapshots', SUM(n) FROM snap GROUP BY project_id " +
        "UNION ALL SELECT project_id, 'backups', n FROM bak " +
        "UNION ALL SELECT project_id, 'backup_gigabytes', g FROM bak " +
        "UNION ALL SELECT x.project_id, CONCAT('volumes_', t.name), SUM(x.n) FROM vol x JOIN types t ON t.id = x.volume_type_id GROUP BY x.project_id, t.name " +
        "UNION ALL SELECT x.project_id, CONCAT('gigabytes_', t.name), SUM(x.g) FROM gig x JOIN types t ON t.id = x.volume_type_id GROUP BY x.project_id, t.name " +
        "UNION ALL SELECT x.project_id, CONCAT('snapshots_', t.name), SUM(x.n) FROM snap x JOIN types t ON t.id = x.volume_type_id GROUP BY x.project_id, t.name) " +
        Drift.Compare("FROM quota_usages u WHERE u.deleted = 0 AND " + KnownResource);
}
