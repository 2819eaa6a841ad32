namespace StackFsck.Tests.Database;

/// <summary>
/// Real Nova, Cinder, Glance and nova_api schemas filled with known live, soft-deleted and
/// shadow rows of known ages, shared by the tests of one class (loading schemas takes seconds).
/// One SELECT-only user may read all four.
/// </summary>
public sealed class BloatDatabases : IDisposable
{
    public BloatDatabases()
    {
        // Nova: instances 5 live, 5 deleted 40 days ago, 3 deleted 2 days ago (deleted = id);
        // instance_faults 6 live, 4 deleted 50 days ago; snapshots (a string id) 1 live, 1 deleted 35 and 1 deleted 1 day ago;
        // shadow_instances 3 rows deleted 60 days ago, 1 today.
        Nova.Execute("""
            SET FOREIGN_KEY_CHECKS = 0;
            INSERT INTO instances (id, uuid, deleted, deleted_at)
              SELECT seq, UUID(), IF(seq > 5, seq, 0), CASE WHEN seq > 10 THEN UTC_TIMESTAMP() - INTERVAL 2 DAY WHEN seq > 5 THEN UTC_TIMESTAMP() - INTERVAL 40 DAY END FROM seq_1_to_13;
            INSERT INTO instance_faults (id, instance_uuid, code, deleted, deleted_at)
              SELECT seq, 'x', 500, IF(seq <= 4, seq, 0), IF(seq <= 4, UTC_TIMESTAMP() - INTERVAL 50 DAY, NULL) FROM seq_1_to_10;
            INSERT INTO snapshots (id, volume_id, deleted, deleted_at) VALUES
              ('s1', 'v', 's1', UTC_TIMESTAMP() - INTERVAL 35 DAY), ('s2', 'v', 's2', UTC_TIMESTAMP() - INTERVAL 1 DAY), ('s3', 'v', '', NULL);
            INSERT INTO shadow_instances (id, uuid, deleted, deleted_at)
              SELECT seq, UUID(), seq, IF(seq <= 3, UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP()) FROM seq_1_to_4;
            """);

        // Cinder (boolean deleted): volumes 2 live, 4 deleted 40 days ago.
        Cinder.Execute("""
            SET FOREIGN_KEY_CHECKS = 0;
            INSERT INTO volumes (id, volume_type_id, deleted, deleted_at)
              SELECT UUID(), 't', seq > 2, IF(seq > 2, UTC_TIMESTAMP() - INTERVAL 40 DAY, NULL) FROM seq_1_to_6;
            """);

        // Glance (boolean deleted): images 1 live, 3 deleted 10 days ago.
        Glance.Execute("""
            INSERT INTO images (id, status, created_at, deleted, deleted_at, min_disk, min_ram)
              SELECT UUID(), 'active', UTC_TIMESTAMP(), seq > 1, IF(seq > 1, UTC_TIMESTAMP() - INTERVAL 10 DAY, NULL), 0, 0 FROM seq_1_to_4;
            """);
        Nova.GrantSelectOn(Cinder);
        Nova.GrantSelectOn(Glance);
        Nova.GrantSelectOn(NovaApi);
    }

    public ScratchDatabase Nova { get; } = new("nova", "nova");
    public ScratchDatabase Cinder { get; } = new("cinder", "cinder");
    public ScratchDatabase Glance { get; } = new("glance", "glance");
    public ScratchDatabase NovaApi { get; } = new("novaapi", "nova_api");

    public void Dispose()
    {
        Nova.Dispose();
        Cinder.Dispose();
        Glance.Dispose();
        NovaApi.Dispose();
    }
}
