namespace StackFsck.Tests.CloudChecks;

/// <summary>
/// A cloud's databases as Zed's tools make them (nova_api, cell0, cell1, cinder, neutron, glance),
/// holding every kind of stuck resource on both sides of its grace period: ages are set with the
/// database server's clock (UTC_TIMESTAMP() - INTERVAL), as OpenStack's own rows would have them.
/// </summary>
public sealed class StuckCloud : IDisposable
{
    public StuckCloud()
    {
        Nova = new NovaDatabases("stuck");
        Cinder = ServiceTools.Copy("stuckcinder", "cinder");
        Neutron = ServiceTools.Copy("stuckneutron", "neutron");
        Glance = ServiceTools.Copy("stuckglance", "glance");
        foreach (ScratchDatabase other in new[] { Nova.Cell0, Nova.Cell1, Cinder, Neutron, Glance })
        {
            Nova.Api.GrantSelectOn(other);
        }

        FillNova();
        FillCinder();
        FillNeutron();
        FillGlance();
    }

    public NovaDatabases Nova { get; }
    public ScratchDatabase Cinder { get; }
    public ScratchDatabase Neutron { get; }
    public ScratchDatabase Glance { get; }

    // Instances: two stuck spawning, one stuck scheduling (never updated), one in a task for less than the grace, one deleted mid-task, one in error (cell0).
    public static readonly string Spawning1 = Id(), Spawning2 = Id(), Scheduling = Id(), FreshTask = Id(), DeletedTask = Id(), Errored = Id(), Active = Id();

    // Migrations of the active instance: one running for 3 h, one for 1 h, one completed; resizes finished 30 h and 2 h ago.
    public static readonly string RunningMigration = Id(), FreshMigration = Id(), DoneMigration = Id(), OldResize = Id(), FreshResize = Id();
    public static readonly string ResizedOld = Id(), ResizedFresh = Id();

    public static readonly string AttachingVolume = Id(), ErrorDeletingVolume = Id(), FreshVolume = Id(), AvailableVolume = Id(), DeletedVolume = Id();
    public static readonly string StuckSnapshot = Id(), FreshSnapshot = Id();
    public static readonly string StuckAttachment = Id(), FreshAttachment = Id(), Attached = Id();
    public static readonly string FailedPort = Id(), BoundPort = Id();
    public static readonly string SavingImage = Id(), FreshSavingImage = Id(), QueuedImage = Id(), FreshQueuedImage = Id(), ActiveImage = Id();

    /// <summary>Options that point the check at this cloud as its SELECT-only user; <paramref name="databases"/> replaces a database option's value.</summary>
    public string[] Arguments(params (string Option, string Name)[] databases)
    {
        var names = new Dictionary<string, string>
        {
            ["-d"] = Nova.Api.Name,
            ["--cinder-database"] = Cinder.Name,
            ["--neutron-database"] = Neutron.Name,
            ["--glance-database"] = Glance.Name,
        };
        foreach ((string option, string name) in databases)
        {
            names[option] = name;
        }

        return ["-f", Nova.Api.ReadOnly, .. names.SelectMany(pair => new[] { pair.Key, pair.Value })];
    }

    /// <summary>The services that are up report now, as their heartbeats would: a test may run minutes after the rows were made.</summary>
    public void ReportServicesUp()
    {
        Nova.Cell1.Execute("UPDATE services SET last_seen_up = UTC_TIMESTAMP() WHERE host = 'cmp-up'");
        Cinder.Execute("UPDATE services SET updated_at = UTC_TIMESTAMP() WHERE host = 'ctl1'");
    }

    public void Dispose()
    {
        Nova.Dispose();
        Cinder.Dispose();
        Neutron.Dispose();
        Glance.Dispose();
    }

    private static string Id() => Guid.NewGuid().ToString();

    private static string Ago(string interval) => $"UTC_TIMESTAMP() - INTERVAL {interval}";

    private void FillNova()
    {
        Nova.Cell0.Execute($"INSERT INTO instances (uuid, project_id, vm_state, created_at, updated_at, deleted) VALUES ('{Errored}', 'p-err', 'error', {Ago("10 MINUTE")}, {Ago("5 MINUTE")}, 0)");
        Nova.Cell1.Execute($"""
            INSERT INTO instances (uuid, project_id, host, vm_state, task_state, created_at, updated_at, deleted) VALUES
              ('{Spawning1}', 'p1', 'cmp1', 'building', 'spawning', {Ago("3 HOUR")}, {Ago("2 HOUR")}, 0),
              ('{Spawning2}', 'p1', 'cmp2', 'building', 'spawning', {Ago("3 HOUR")}, {Ago("90 MINUTE")}, 0),
              ('{Scheduling}', 'p2', NULL, 'building', 'scheduling', {Ago("4 HOUR")}, NULL, 0),
              ('{FreshTask}', 'p1', 'cmp1', 'active', 'rebooting', {Ago("5 HOUR")}, {Ago("30 MINUTE")}, 0),
              ('{DeletedTask}', 'p1', 'cmp1', 'active', 'deleting', {Ago("9 HOUR")}, {Ago("5 HOUR")}, 1),
              ('{Active}', 'p1', 'cmp1', 'active', NULL, {Ago("9 HOUR")}, {Ago("5 HOUR")}, 0),
              ('{ResizedOld}', 'p3', 'cmp2', 'resized', NULL, {Ago("40 HOUR")}, {Ago("30 HOUR")}, 0),
              ('{ResizedFresh}', 'p3', 'cmp2', 'resized', NULL, {Ago("4 HOUR")}, {Ago("2 HOUR")}, 0);
            INSERT INTO migrations (uuid, instance_uuid, project_id, source_compute, dest_compute, status, migration_type, created_at, updated_at, deleted) VALUES
              ('{RunningMigration}', '{Active}', 'p1', 'cmp1', 'cmp2', 'running', 'live-migration', {Ago("4 HOUR")}, {Ago("3 HOUR")}, 0),
              ('{FreshMigration}', '{Active}', 'p1', 'cmp1', 'cmp2', 'migrating', 'migration', {Ago("2 HOUR")}, {Ago("1 HOUR")}, 0),
              ('{DoneMigration}', '{Active}', 'p1', 'cmp1', 'cmp2', 'completed', 'live-migration', {Ago("9 HOUR")}, {Ago("8 HOUR")}, 0),
              ('{OldResize}', '{ResizedOld}', 'p3', 'cmp1', 'cmp2', 'finished', 'resize', {Ago("40 HOUR")}, {Ago("30 HOUR")}, 0),
              ('{FreshResize}', '{ResizedFresh}', 'p3', 'cmp1', 'cmp2', 'finished', 'resize', {Ago("4 HOUR")}, {Ago("2 HOUR")}, 0);
            INSERT INTO services (host, `binary`, topic, report_count, disabled, forced_down, last_seen_up, created_at, deleted) VALUES
              ('cmp-down', 'nova-compute', 'compute', 10, 0, 0, {Ago("5 MINUTE")}, {Ago("9 DAY")}, 0),
              ('cmp-up', 'nova-compute', 'compute', 10, 0, 0, {Ago("10 SECOND")}, {Ago("9 DAY")}, 0),
              ('cmp-disabled', 'nova-compute', 'compute', 10, 1, 0, {Ago("9 DAY")}, {Ago("9 DAY")}, 0),
              ('cmp-forced', 'nova-compute', 'compute', 10, 0, 1, {Ago("9 DAY")}, {Ago("9 DAY")}, 0),
              ('ctl-new', 'nova-conductor', 'conductor', 0, 0, 0, NULL, {Ago("10 MINUTE")}, 0),
              ('api1', 'nova-osapi_compute', NULL, 0, 0, 0, NULL, {Ago("9 DAY")}, 0);
            """);
    }

    private void FillCinder()
    {
        Cinder.Execute($"""
            INSERT INTO volumes (id, project_id, host, status, volume_type_id, created_at, updated_at, deleted) VALUES
              ('{AttachingVolume}', 'p1', 'vol1@lvm#lvm', 'attaching', 't', {Ago("3 HOUR")}, {Ago("2 HOUR")}, 0),
              ('{ErrorDeletingVolume}', 'p2', 'vol1@lvm#lvm', 'error_deleting', 't', {Ago("5 HOUR")}, {Ago("3 HOUR")}, 0),
              ('{FreshVolume}', 'p1', 'vol1@lvm#lvm', 'creating', 't', {Ago("10 MINUTE")}, {Ago("10 MINUTE")}, 0),
              ('{AvailableVolume}', 'p1', 'vol1@lvm#lvm', 'available', 't', {Ago("9 HOUR")}, {Ago("5 HOUR")}, 0),
              ('{DeletedVolume}', 'p1', 'vol1@lvm#lvm', 'deleting', 't', {Ago("9 HOUR")}, {Ago("5 HOUR")}, 1);
            INSERT INTO snapshots (id, volume_id, project_id, status, volume_type_id, created_at, updated_at, deleted) VALUES
              ('{StuckSnapshot}', '{AvailableVolume}', 'p1', 'creating', 't', {Ago("3 HOUR")}, {Ago("2 HOUR")}, 0),
              ('{FreshSnapshot}', '{AvailableVolume}', 'p1', 'deleting', 't', {Ago("20 MINUTE")}, {Ago("10 MINUTE")}, 0);
            INSERT INTO volume_attachment (id, volume_id, instance_uuid, attached_host, attach_status, created_at, updated_at, deleted) VALUES
              ('{StuckAttachment}', '{AttachingVolume}', '{Active}', NULL, 'reserved', {Ago("2 HOUR")}, NULL, 0),
              ('{FreshAttachment}', '{AvailableVolume}', '{Active}', 'cmp1', 'attaching', {Ago("5 MINUTE")}, {Ago("5 MINUTE")}, 0),
              ('{Attached}', '{AvailableVolume}', '{Active}', 'cmp1', 'attached', {Ago("9 HOUR")}, {Ago("5 HOUR")}, 0);
            INSERT INTO services (host, `binary`, topic, report_count, disabled, created_at, updated_at, deleted) VALUES
              ('vol-down@lvm', 'cinder-volume', 'cinder-volume', 10, 0, {Ago("9 DAY")}, {Ago("5 MINUTE")}, 0),
              ('ctl1', 'cinder-scheduler', 'cinder-scheduler', 10, 0, {Ago("9 DAY")}, {Ago("10 SECOND")}, 0),
              ('vol-off@lvm', 'cinder-volume', 'cinder-volume', 10, 1, {Ago("9 DAY")}, {Ago("9 DAY")}, 0);
            """);
    }

    private void FillNeutron()
    {
        Neutron.Execute($"""
            INSERT INTO standardattributes (id, resource_type, created_at, updated_at) VALUES
              (1, 'networks', {Ago("9 DAY")}, {Ago("9 DAY")}), (2, 'ports', {Ago("3 HOUR")}, {Ago("2 HOUR")}), (3, 'ports', {Ago("3 HOUR")}, {Ago("2 HOUR")});
            INSERT INTO networks (id, project_id, standard_attr_id) VALUES ('net-1', 'p1', 1);
            INSERT INTO ports (id, project_id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id) VALUES
              ('{FailedPort}', 'p1', 'net-1', 'fa:16:3e:00:00:01', 1, 'DOWN', '{Spawning1}', 'compute:nova', 2),
              ('{BoundPort}', 'p1', 'net-1', 'fa:16:3e:00:00:02', 1, 'ACTIVE', '{Active}', 'compute:nova', 3);
            INSERT INTO ml2_port_bindings (port_id, host, vif_type, vnic_type, status) VALUES
              ('{FailedPort}', 'cmp1', 'binding_failed', 'normal', 'ACTIVE'), ('{BoundPort}', 'cmp1', 'ovs', 'normal', 'ACTIVE');
            """);
    }

    private void FillGlance()
    {
        Glance.Execute($"""
            INSERT INTO images (id, owner, status, created_at, updated_at, deleted, min_disk, min_ram) VALUES
              ('{SavingImage}', 'p1', 'saving', {Ago("8 HOUR")}, {Ago("7 HOUR")}, 0, 0, 0),
              ('{FreshSavingImage}', 'p1', 'saving', {Ago("2 HOUR")}, {Ago("1 HOUR")}, 0, 0, 0),
              ('{QueuedImage}', 'p2', 'queued', {Ago("2 DAY")}, NULL, 0, 0, 0),
              ('{FreshQueuedImage}', 'p2', 'queued', {Ago("2 HOUR")}, NULL, 0, 0, 0),
              ('{ActiveImage}', 'p2', 'active', {Ago("9 DAY")}, {Ago("9 DAY")}, 0, 0, 0);
            """);
    }
}
