namespace StackFsck.Tests.CloudChecks;

/// <summary>
/// Cinder's and Neutron's databases as Zed's tools make them, with quota usages that match what
/// their project owns and usages that drifted from it, beside everything Cinder's quota leaves
/// out (deleted rows, migration targets, temporary volumes, deleted usages, a usage Neutron
/// marked dirty), Cinder reservations on both sides of their expiry, and usages whose reserved
/// matches their reservations or not.
/// </summary>
public sealed class QuotaCloud : IDisposable
{
    public QuotaCloud()
    {
        Cinder = ServiceTools.Copy("quotacinder", "cinder");
        Neutron = ServiceTools.Copy("quotaneutron", "neutron");
        Cinder.GrantSelectOn(Neutron);
        FillCinder();
        FillNeutron();
    }

    public ScratchDatabase Cinder { get; }
    public ScratchDatabase Neutron { get; }

    public static readonly string StaleReservation = Id(), DeletedReservation = Id(), LiveReservation = Id(), ReleasingReservation = Id();

    /// <summary>Options that point the check at this cloud as its SELECT-only user; <paramref name="databases"/> replaces a database option's value.</summary>
    public string[] Arguments(params (string Option, string Name)[] databases)
    {
        var names = new Dictionary<string, string> { ["--cinder-database"] = Cinder.Name, ["--neutron-database"] = Neutron.Name };
        foreach ((string option, string name) in databases)
        {
            names[option] = name;
        }

        return ["-f", Cinder.ReadOnly, .. names.SelectMany(pair => new[] { pair.Key, pair.Value })];
    }

    /// <summary>The environment under which cinder-manage reads this Cinder database, as cinder.conf's [database]/connection would set it (oslo.config reads OS_GROUP__OPTION).</summary>
    public Dictionary<string, string?> CinderManageEnvironment() => new() { ["OS_DATABASE__CONNECTION"] = ServiceTools.Url(Cinder) };

    public void Dispose()
    {
        Cinder.Dispose();
        Neutron.Dispose();
    }

    private static string Id() => Guid.NewGuid().ToString();

    private static string Ago(string interval) => $"UTC_TIMESTAMP() - INTERVAL {interval}";

    // Project pa owns 2 lvm volumes (10 + 20 GB), a snapshot (5 GB) and a backup (7 GB): its usages match. It also has a deleted
    // volume, a migration's target volume, a temporary volume and a volume not counted by quota (use_quota = 0), which Cinder leaves out.
    // Project pb owns one 1 GB volume but its usages say 3 volumes and 2 snapshots; pc owns nothing but its usage says 4 volumes
    // (a user refused for volumes they do not have), and 2 gigabytes in a deleted usage row, which nobody reads.
    // Reserved: pb's volumes usage reserves 0 while a reservation of +1 (expired, not deleted) holds it; pc's reserves 3 with none;
    // pb's gigabytes reserves the +1 its live reservation holds, and pa's volumes the 0 its releasing reservation (-1) leaves.
    private void FillCinder()
    {
        Cinder.Execute($"""
            INSERT INTO volume_types (id, name, deleted) VALUES ('t-lvm', 'lvm', 0), ('t-ceph', 'ceph', 0), ('t-old', 'old', 1);
            INSERT INTO volumes (id, project_id, size, status, volume_type_id, migration_status, use_quota, deleted) VALUES
              ('va1', 'pa', 10, 'available', 't-lvm', NULL, 1, 0), ('va2', 'pa', 20, 'in-use', 't-lvm', 'success', NULL, 0),
              ('va-deleted', 'pa', 50, 'deleted', 't-lvm', NULL, 1, 1), ('va-target', 'pa', 20, 'available', 't-lvm', 'target:va2', 1, 0),
              ('va-temp', 'pa', 30, 'available', 't-lvm', NULL, 1, 0), ('va-noquota', 'pa', 40, 'available', 't-lvm', NULL, 0, 0),
              ('vb1', 'pb', 1, 'available', 't-ceph', NULL, 1, 0);
            INSERT INTO volume_admin_metadata (volume_id, `key`, value, deleted) VALUES ('va-temp', 'temporary', 'True', 0);
            INSERT INTO snapshots (id, volume_id, project_id, volume_size, status, volume_type_id, use_quota, deleted) VALUES
              ('sa1', 'va1', 'pa', 5, 'available', 't-lvm', 1, 0), ('sa-deleted', 'va1', 'pa', 5, 'deleted', 't-lvm', 1, 1);
            INSERT INTO backups (id, volume_id, project_id, size, status, deleted) VALUES
              ('ba1', 'va1', 'pa', 7, 'available', 0), ('ba-deleted', 'va1', 'pa', 7, 'deleted', 1);
            INSERT INTO quota_usages (id, project_id, resource, in_use, reserved, deleted) VALUES
              (1, 'pa', 'volumes', 2, 0, 0), (2, 'pa', 'gigabytes', 35, 0, 0), (3, 'pa', 'snapshots', 1, 0, 0), (4, 'pa', 'backups', 1, 0, 0),
              (5, 'pa', 'backup_gigabytes', 7, 0, 0), (6, 'pa', 'volumes_lvm', 2, 0, 0), (7, 'pa', 'gigabytes_lvm', 35, 0, 0), (8, 'pa', 'snapshots_lvm', 1, 0, 0),
              (9, 'pb', 'volumes', 3, 0, 0), (10, 'pb', 'gigabytes', 1, 1, 0), (11, 'pb', 'snapshots', 2, 0, 0), (12, 'pb', 'volumes_ceph', 1, 0, 0),
              (13, 'pc', 'volumes', 4, 3, 0), (14, 'pc', 'gigabytes', 2, 0, 1);
            INSERT INTO reservations (uuid, usage_id, project_id, resource, delta, expire, deleted) VALUES
              ('{StaleReservation}', 9, 'pb', 'volumes', 1, {Ago("2 HOUR")}, 0),
              ('{DeletedReservation}', 9, 'pb', 'volumes', 1, {Ago("2 HOUR")}, 1),
              ('{LiveReservation}', 10, 'pb', 'gigabytes', 1, UTC_TIMESTAMP() + INTERVAL 1 HOUR, 0),
              ('{ReleasingReservation}', 1, 'pa', 'volumes', -1, UTC_TIMESTAMP() + INTERVAL 1 HOUR, 0);
            """);
    }

    // pa owns 2 networks (its usage says 2) and 3 ports (its usage says 5); pb owns a security group (usage 1) and no router
    // (usage 2); pc's port usage is wrong but marked dirty, so Neutron recounts it on its next use.
    private void FillNeutron()
    {
        Neutron.Execute("""
            SET FOREIGN_KEY_CHECKS = 0;
            INSERT INTO networks (id, project_id, standard_attr_id) VALUES ('na1', 'pa', 1), ('na2', 'pa', 2);
            INSERT INTO ports (id, project_id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id) VALUES
              ('pa1', 'pa', 'na1', 'fa:16:3e:00:00:01', 1, 'ACTIVE', '', '', 3), ('pa2', 'pa', 'na1', 'fa:16:3e:00:00:02', 1, 'ACTIVE', '', '', 4),
              ('pa3', 'pa', 'na2', 'fa:16:3e:00:00:03', 1, 'ACTIVE', '', '', 5);
            INSERT INTO securitygroups (id, project_id, name, standard_attr_id) VALUES ('sgb', 'pb', 'default', 6);
            INSERT INTO quotausages (project_id, resource, dirty, in_use, reserved) VALUES
              ('pa', 'network', 0, 2, 0), ('pa', 'port', 0, 5, 0), ('pb', 'security_group', 0, 1, 0), ('pb', 'router', 0, 2, 0), ('pc', 'port', 1, 9, 0);
            """);
    }
}
