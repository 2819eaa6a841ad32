namespace StackFsck.Tests.Zombies;

/// <summary>
/// check_nova_hypervisor's iSCSI counts: the dist binary, the node's sessions in a sysfs tree built
/// as the kernel lays it out (no iscsi_tcp module here for a real one), the volumes' targets in
/// the real cell database's block_device_mapping.connection_info.
/// </summary>
public sealed class IscsiSessionsCheckTests(ZombieCloud cloud) : IClassFixture<ZombieCloud>, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hypervisor-iscsi");
    private readonly IscsiSysfs _sysfs = new();
    private readonly string _host = cloud.NewHost();

    [Fact]
    public void Stale_and_missing_sessions_are_counted_named_and_the_iscsiadm_commands_parse()
    {
        Guid instance = Guid.NewGuid(), served = Guid.NewGuid(), unserved = Guid.NewGuid(), bare = Guid.NewGuid(), leaked = Guid.NewGuid();
        cloud.AddInstances((instance, _host, null, "active", null));
        cloud.AttachVolume(instance, served, "/dev/vdb", "attached", Iscsi(served, "192.0.2.10:3260"));
        cloud.AttachVolume(instance, unserved, "/dev/vdc", "attached", Iscsi(unserved, "192.0.2.10:3260"));
        cloud.AttachVolume(instance, bare, "/dev/vdd", "attached");
        _sysfs.Add(Iqn(served), "192.0.2.10");
        string leak = _sysfs.Add(Iqn(leaked), "192.0.2.10");
        string uri = TestHypervisor.WriteDomains(_dir.FullName, new TestDomain(instance, "instance-00000001", TestHypervisor.Running)
        {
            Volumes = [(served, "vdb"), (unserved, "vdc"), (bare, "vdd")],
        });

        CheckRun run = Run(uri);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal((1, 1, 2), (run.Perf("stale_iscsi_sessions"), run.Perf("missing_iscsi_sessions"), run.Perf("iscsi_sessions")));
        Assert.Contains("1 iSCSI sessions to targets of no volume attached here (warning 0)", run.FirstLine);
        Assert.Contains($"  {leak} {Iqn(leaked)} at 192.0.2.10:3260; look: iscsiadm -m session -r {leak["session".Length..]} -P 3", run.LongOutput);
        Assert.Contains(run.LongOutput, line => line == $"  {instance} volume {unserved} target {Iqn(unserved)} at 192.0.2.10:3260; look: iscsiadm -m node -T {Iqn(unserved)} -p 192.0.2.10:3260");
        Assert.Contains($"iSCSI not judged: volume {bare} of instance {instance} has no connection_info: its iSCSI target cannot be told", run.LongOutput);

        // iscsiadm reads the machine's own /sys, which has no session: a command it accepts goes on to
        // look and finds nothing (22 for a session, 21 for a node record); one it refuses exits 7.
        foreach (string command in run.LongOutput.Where(l => l.Contains("look: iscsiadm")).Select(l => l[(l.IndexOf("look: ", StringComparison.Ordinal) + 6)..]))
        {
            string[] words = command.Split(' ');
            CheckRun iscsiadm = Dist.RunProgram(words[0], words[1..], new Dictionary<string, string?>());
            Assert.True(iscsiadm.ExitCode is 21 or 22 && !iscsiadm.Stderr.Contains("not allowed"), $"{command}: {iscsiadm}");
        }
    }

    [Fact]
    public void A_node_without_iscsi_has_no_sessions_and_misses_those_of_its_iscsi_volumes()
    {
        Guid instance = Guid.NewGuid(), volume = Guid.NewGuid();
        cloud.AddInstances((instance, _host, null, "active", null));
        cloud.AttachVolume(instance, volume, "/dev/vdb", "attached", Iscsi(volume, "192.0.2.10:3260"));
        string uri = TestHypervisor.WriteDomains(_dir.FullName, new TestDomain(instance, "instance-00000002", TestHypervisor.Running)
        {
            Volumes = [(volume, "vdb")],
        });

        CheckRun run = Dist.Run("check_nova_hypervisor", [.. Args(uri), "--iscsi-sysfs", Path.Combine(_dir.FullName, "absent")]);

        Assert.Equal((0, 1), (run.Perf("iscsi_sessions"), run.Perf("missing_iscsi_sessions")));
    }

    public void Dispose()
    {
        _sysfs.Dispose();
        _dir.Delete(recursive: true);
    }

    private static string Iqn(Guid volume) => $"iqn.2010-10.org.openstack:volume-{volume}";

    /// <summary>connection_info as Nova stores it for an LVM/iSCSI Cinder volume.</summary>
    private static string Iscsi(Guid volume, string portal) =>
        "{\"driver_volume_type\": \"iscsi\", \"data\": {\"target_discovered\": false, " +
        $"\"target_iqn\": \"{Iqn(volume)}\", \"target_portal\": \"{portal}\", \"target_lun\": 1, \"volume_id\": \"{volume}\", \"auth_method\": \"CHAP\"}}}}";

    private CheckRun Run(string uri) => Dist.Run("check_nova_hypervisor", [.. Args(uri), "--iscsi-sysfs", _sysfs.Sessions]);

    private string[] Args(string uri) =>
        ["--libvirt-uri", uri, "--host", _host, "--skip-disks", "--api-defaults-file", cloud.Databases.ReadOnlyLogin,
            "--api-database", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf, "--cinder-database", cloud.Databases.Name("cinder"), "--no-ovs"];
}
