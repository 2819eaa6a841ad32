namespace StackFsck.Tests.Database;

/// <summary>
/// Nova (nova_api, cell0, cell1), Cinder and Glance databases made by the services' own tools,
/// with rows on both sides of a 30-day cutoff, deleted the way the services delete them:
/// Nova's instance_destroy sets deleted = id and deleted_at on the instance and its dependent
/// rows but never touches instance_actions(_events) or task_log; Cinder's volume_destroy and
/// Glance's image_destroy set deleted = 1 and deleted_at on the row and its dependent rows.
/// One SELECT-only user reads all of them.
/// </summary>
public sealed class BloatToolDatabases : IDisposable
{
    public BloatToolDatabases()
    {
        // cell1: instances 1-6 live (created 100 days ago), 7-10 deleted 40 days ago, 11-13 deleted 2 days ago.
        Nova.Cell1.Execute(NovaInstances("IF(seq <= 6, 0, seq)", "CASE WHEN seq > 10 THEN @now - INTERVAL 2 DAY WHEN seq > 6 THEN @now - INTERVAL 40 DAY END", 13) + """
            -- nova-compute's usage audit (never deleted): three periods long past, two recent.
            INSERT INTO task_log (created_at, updated_at, task_name, state, host, period_beginning, period_ending, message, task_items, errors, deleted)
              SELECT @now - INTERVAL s.seq * 20 DAY, @now - INTERVAL s.seq * 20 DAY, 'instance_usage_audit', 'DONE', 'cmp-1',
                     @now - INTERVAL s.seq * 20 + 1 DAY, @now - INTERVAL s.seq * 20 DAY, 'Instance usage audit ran', 5, 0, 0 FROM seq_1_to_5 s;
            -- An earlier archive (no --before, --task-log) left: instances deleted 90 days and 10 days ago, their actions
            -- (deleted_at empty, created 120 and 15 days ago) and events, and task_log records of 90 and 3 days ago.
            INSERT INTO shadow_instances (id, uuid, created_at, vm_state, deleted, deleted_at)
              SELECT 1000 + seq, UUID(), @now - INTERVAL IF(seq <= 3, 120, 15) DAY, 'deleted', 1000 + seq,
                     @now - INTERVAL IF(seq <= 3, 90, 10) DAY FROM seq_1_to_4;
            INSERT INTO shadow_instance_actions (id, created_at, action, instance_uuid, request_id, start_time, deleted)
              SELECT id, created_at, 'create', uuid, CONCAT('req-', uuid), created_at, 0 FROM shadow_instances;
            INSERT INTO shadow_instance_actions_events (id, created_at, event, action_id, start_time, result, deleted)
              SELECT id, created_at, 'compute__do_build_and_run_instance', id, created_at, 'Success', 0 FROM shadow_instance_actions;
            INSERT INTO shadow_task_log (id, created_at, updated_at, task_name, state, host, period_beginning, period_ending, message, deleted)
              SELECT 1000 + seq, @now - INTERVAL IF(seq <= 2, 90, 3) DAY, @now - INTERVAL IF(seq <= 2, 90, 3) DAY, 'instance_usage_audit', 'DONE',
                     CONCAT('cmp-', seq), @now - INTERVAL 100 DAY, @now - INTERVAL 99 DAY, 'done', 0 FROM seq_1_to_3;
            """);

        // cell0: instances that never got a host, deleted 45 days ago, and one live.
        Nova.Cell0.Execute(NovaInstances("IF(seq = 1, 0, seq)", "IF(seq = 1, NULL, @now - INTERVAL 45 DAY)", 3));

        // Cinder: volumes 2 live, 3 deleted 40 days ago, 2 deleted 5 days ago, each with metadata deleted along;
        // a snapshot of a live volume deleted 50 days ago with its metadata.
        Cinder.Execute("""
            SET @now = UTC_TIMESTAMP();
            INSERT INTO volumes (id, created_at, volume_type_id, status, deleted, deleted_at)
              SELECT CONCAT('vol-', seq), @now - INTERVAL 80 DAY, 'vt', IF(seq <= 2, 'available', 'deleted'), seq > 2,
                     CASE WHEN seq > 5 THEN @now - INTERVAL 5 DAY WHEN seq > 2 THEN @now - INTERVAL 40 DAY END FROM seq_1_to_7;
            INSERT INTO volume_metadata (created_at, volume_id, `key`, value, deleted, deleted_at)
              SELECT created_at, id, 'purpose', 'db', deleted, deleted_at FROM volumes;
            INSERT INTO volume_admin_metadata (created_at, volume_id, `key`, value, deleted, deleted_at)
              SELECT created_at, id, 'readonly', 'False', deleted, deleted_at FROM volumes;
            INSERT INTO snapshots (id, created_at, volume_id, volume_type_id, status, deleted, deleted_at)
              VALUES ('snap-1', @now - INTERVAL 60 DAY, 'vol-1', 'vt', 'deleted', 1, @now - INTERVAL 50 DAY);
            INSERT INTO snapshot_metadata (created_at, snapshot_id, `key`, value, deleted, deleted_at)
              VALUES (@now - INTERVAL 60 DAY, 'snap-1', 'k', 'v', 1, @now - INTERVAL 50 DAY);
            """);

        // Glance: 150 images deleted 40 days ago (more than glance-manage's default --max_rows of 100), 3 deleted
        // 3 days ago, 2 live, each with two properties and a location deleted along; 120 import tasks deleted
        // 40 days ago and 2 live ones, each with its task_info (which has no deleted column).
        Glance.Execute("""
            SET @now = UTC_TIMESTAMP();
            INSERT INTO images (id, name, status, created_at, deleted, deleted_at, min_disk, min_ram, visibility)
              SELECT CONCAT('img-', seq), CONCAT('image ', seq), IF(seq <= 2, 'active', 'deleted'), @now - INTERVAL 90 DAY, seq > 2,
                     CASE WHEN seq > 152 THEN @now - INTERVAL 3 DAY WHEN seq > 2 THEN @now - INTERVAL 40 DAY END, 0, 0, 'public' FROM seq_1_to_155;
            INSERT INTO image_properties (image_id, name, value, created_at, deleted, deleted_at)
              SELECT i.id, CONCAT('hw_prop_', s.seq), 'x', i.created_at, i.deleted, i.deleted_at FROM images i, seq_1_to_2 s;
            INSERT INTO image_locations (image_id, value, meta_data, status, created_at, deleted, deleted_at)
              SELECT id, CONCAT('file:///var/lib/glance/images/', id), '{}', IF(deleted, 'deleted', 'active'), created_at, deleted, deleted_at FROM images;
            INSERT INTO tasks (id, type, status, owner, created_at, deleted, deleted_at)
              SELECT CONCAT('task-', seq), 'import', 'success', 'admin', @now - INTERVAL 41 DAY, seq > 2, IF(seq > 2, @now - INTERVAL 40 DAY, NULL) FROM seq_1_to_122;
            INSERT INTO task_info (task_id, input, result, message) SELECT id, '{}', '{}', '' FROM tasks;
            """);

        foreach (ScratchDatabase other in new[] { Nova.Api, Nova.Cell0, Cinder, Glance })
        {
            Nova.Cell1.GrantSelectOn(other);
        }

        CinderConfig = ServiceTools.WriteConfig($"[database]\nconnection = {ServiceTools.Url(Cinder)}\n");
        GlanceConfig = ServiceTools.WriteConfig($"[database]\nconnection = {ServiceTools.Url(Glance)}\n");
    }

    public NovaDatabases Nova { get; } = new("bloat");
    public ScratchDatabase Cinder { get; } = ServiceTools.Copy("bloatcinder", "cinder");
    public ScratchDatabase Glance { get; } = ServiceTools.Copy("bloatglance", "glance");
    public string CinderConfig { get; }
    public string GlanceConfig { get; }

    /// <summary>Option file of the SELECT-only user that reads every database.</summary>
    public string ReadOnly => Nova.Cell1.ReadOnly;

    public void Dispose()
    {
        Nova.Dispose();
        Cinder.Dispose();
        Glance.Dispose();
        File.Delete(CinderConfig);
        File.Delete(GlanceConfig);
    }

    /// <summary>
    /// Instances 1..<paramref name="count"/> created 60 days ago, with what Nova writes for each:
    /// info cache, extra, three system metadata rows and a block device mapping, deleted with
    /// their instance (deleted = id, same deleted_at); a create action and, for a deleted
    /// instance, a delete action at its deletion, one event each, never deleted.
    /// </summary>
    private static string NovaInstances(string deleted, string deletedAt, int count) => $"""
        SET @now = UTC_TIMESTAMP();
        INSERT INTO instances (id, uuid, created_at, vm_state, deleted, deleted_at)
          SELECT seq, UUID(), @now - INTERVAL 60 DAY, 'active', {deleted}, {deletedAt} FROM seq_1_to_{count};
        INSERT INTO instance_info_caches (created_at, instance_uuid, network_info, deleted, deleted_at)
          SELECT created_at, uuid, '[]', 0, deleted_at FROM instances;
        INSERT INTO instance_extra (created_at, instance_uuid, deleted, deleted_at) SELECT created_at, uuid, 0, deleted_at FROM instances;
        INSERT INTO instance_system_metadata (created_at, instance_uuid, `key`, value, deleted, deleted_at)
          SELECT i.created_at, i.uuid, CONCAT('image_', s.seq), 'x', 0, i.deleted_at FROM instances i, seq_1_to_3 s;
        INSERT INTO block_device_mapping (created_at, instance_uuid, source_type, destination_type, boot_index, deleted, deleted_at)
          SELECT created_at, uuid, 'image', 'local', 0, 0, deleted_at FROM instances;
        UPDATE instance_info_caches SET deleted = id WHERE deleted_at IS NOT NULL;
        UPDATE instance_extra SET deleted = id WHERE deleted_at IS NOT NULL;
        UPDATE instance_system_metadata SET deleted = id WHERE deleted_at IS NOT NULL;
        UPDATE block_device_mapping SET deleted = id WHERE deleted_at IS NOT NULL;
        UPDATE instances SET vm_state = 'deleted' WHERE deleted <> 0;
        INSERT INTO instance_actions (created_at, action, instance_uuid, request_id, start_time, deleted)
          SELECT created_at, 'create', uuid, CONCAT('req-c-', uuid), created_at, 0 FROM instances;
        INSERT INTO instance_actions (created_at, action, instance_uuid, request_id, start_time, deleted)
          SELECT deleted_at, 'delete', uuid, CONCAT('req-d-', uuid), deleted_at, 0 FROM instances WHERE deleted <> 0;
        INSERT INTO instance_actions_events (created_at, event, action_id, start_time, result, deleted)
          SELECT created_at, CONCAT('compute_', action, '_instance'), id, created_at, 'Success', 0 FROM instance_actions;

        """;
}
