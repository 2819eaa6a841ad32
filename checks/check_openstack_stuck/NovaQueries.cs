using StackFsck.OpenStack.Survey;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>
/// What a Nova cell database shows stuck: instances in a task, instances in error, migrations
/// that never end, resizes never confirmed, services that stopped reporting. Every cell runs
/// the same probes.
/// </summary>
internal static class NovaQueries
{
    /// <summary>Migration statuses that end a migration; <c>finished</c> waits for the user to confirm a resize.</summary>
    private const string FinalMigrationStatuses = "'confirmed', 'reverted', 'completed', 'done', 'error', 'failed', 'cancelled', 'finished'";

    /// <summary>The API services register in the services table but never report: Nova's own service list leaves them out.</summary>
    private const string ApiBinaries = "'nova-osapi_compute', 'nova-metadata'";

    public static IReadOnlyList<Probe> For(string cell, StuckCategories categories, Graces graces) =>
    [
        new(categories.Instances, $"reading the instances in a task of cell {cell}",
            "SELECT uuid, project_id, host, task_state, " + Age.SinceChange() + " FROM instances " +
            $"WHERE deleted = 0 AND task_state IS NOT NULL AND {Age.ChangedBefore(graces.Instance)} ORDER BY 5 DESC",
            row => row.String(3)!,
            row => Describe.Line($"instance {row.String(0)}", Describe.Text(row, 1), Describe.Text(row, 2), $"task {row.String(3)}", row.Int64(4),
                $"look: openstack server show {row.String(0)}; only if the hypervisor shows the guest running: nova reset-state --active {row.String(0)}")),
        new(categories.Errors, $"reading the instances in error of cell {cell}",
            "SELECT uuid, project_id, host, " + Age.SinceChange() + " FROM instances WHERE deleted = 0 AND vm_state = 'error' ORDER BY 4 DESC",
            _ => "error",
            row => Describe.Line($"instance {row.String(0)}", Describe.Text(row, 1), Describe.Text(row, 2), "in error", row.Int64(3),
                $"look: openstack server show {row.String(0)}")),
        new(categories.Migrations, $"reading the unfinished migrations of cell {cell}",
            "SELECT COALESCE(uuid, id), instance_uuid, project_id, CONCAT(COALESCE(source_compute, '?'), ' to ', COALESCE(dest_compute, '?')), " +
            "status, COALESCE(migration_type, 'migration'), " + Age.SinceChange() + " FROM migrations " +
            $"WHERE deleted = 0 AND status NOT IN ({FinalMigrationStatuses}) AND {Age.ChangedBefore(graces.Migration)} ORDER BY 7 DESC",
            row => row.String(4)!,
            row => Describe.Line($"{row.String(5)} {row.String(0)} of instance {row.String(1)}", Describe.Text(row, 2), row.String(3),
                $"status {row.String(4)}", row.Int64(6), $"look: openstack server migration list --server {row.String(1)}")),
        new(categories.Resizes, $"reading the unconfirmed resizes of cell {cell}",
            "SELECT instance_uuid, project_id, dest_compute, " + Age.SinceChange() + " FROM migrations " +
            $"WHERE deleted = 0 AND status = 'finished' AND {Age.ChangedBefore(graces.Resize)} ORDER BY 4 DESC",
            _ => "finished",
            row => Describe.Line($"resize of instance {row.String(0)}", Describe.Text(row, 1), Describe.Text(row, 2), "waiting for confirmation", row.Int64(3),
                $"confirm: openstack server resize confirm {row.String(0)} (or revert: openstack server resize revert {row.String(0)})")),
        new(categories.Services, $"reading the services of cell {cell}",
            "SELECT `binary`, host, COALESCE(last_seen_up, created_at), " + Age.Since("COALESCE(last_seen_up, created_at)") + " FROM services " +
            $"WHERE deleted = 0 AND COALESCE(disabled, 0) = 0 AND COALESCE(forced_down, 0) = 0 AND `binary` NOT IN ({ApiBinaries}) " +
            $"AND {Age.OlderThan("COALESCE(last_seen_up, created_at)", graces.ServiceDown)} ORDER BY 1, 2",
            row => row.String(0)!,
            row => Describe.Line($"{row.String(0)} on {row.String(1)}", null, null, $"last report {Age.Timestamp(row.DateTime(2))}, silent", row.Int64(3),
                $"look: openstack compute service list --host {row.String(1)} --service {row.String(0)}")),
    ];
}
