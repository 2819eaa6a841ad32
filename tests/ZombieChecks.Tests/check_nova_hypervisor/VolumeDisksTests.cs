using StackFsck.Tests.CloudChecks;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// check_nova_hypervisor's volume counts as Nagios runs it: the dist binary, domains of libvirt's
/// test driver whose XML carries volume disks as Nova writes them, the real cell and Cinder databases.
/// </summary>
public sealed class VolumeDisksTests(ZombieCloud cloud) : IClassFixture<ZombieCloud>, IDisposable
{
    private const string Check = "check_nova_hypervisor";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hypervisor-volumes");
    private readonly string _host = cloud.NewHost();

    [Fact]
    public void Stale_and_missing_volume_disks_are_counted_named_and_the_commands_to_look_closer_run()
    {
        Guid instance = Guid.NewGuid(), fine = Guid.NewGuid(), detached = Guid.NewGuid(), lost = Guid.NewGuid();
        cloud.AddInstances((instance, _host, null, "active", null));
        cloud.AttachVolume(instance, fine, "/dev/vdb", "attached");
        cloud.AttachVolume(instance, lost, "/dev/vdd", "attached");
        cloud.AddCinderAttachment(detached, instance, "detached");
        string uri = TestHypervisor.WriteDomains(_dir.FullName,
            new TestDomain(instance, "instance-00000001", TestHypervisor.Running) { Volumes = [(fine, "vdb"), (detached, "vdc")] });

        CheckRun run = Run(uri);

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Text == "NOVA_HYPERVISOR WARNING - 1 volume disks no longer attached in Nova or Cinder (warning 0); 1 attached volumes absent from their domain (warning 0)", run.ToString());
        Assert.Equal((1, 1, 2), (run.Perf("stale_volume_disks"), run.Perf("missing_volume_disks"), run.Perf("volume_disks")));
        string stale = Assert.Single(run.LongOutput, line => line.Contains($"volume {detached}"));
        Assert.StartsWith($"  {instance} instance-00000001 vdc volume {detached} (no mapping in Nova, no attachment in Cinder); look: virsh -r -c {uri} domblklist {instance}; openstack volume show {detached}", stale);
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {instance} instance-00000001 volume {lost} as /dev/vdd; look: "));

        CheckRun virsh = Dist.RunProgram("virsh", $"-r -c {uri} domblklist {instance}".Split(' '), new Dictionary<string, string?>());
        Assert.True(virsh.ExitCode == 0 && virsh.Stdout.Contains("vdc") && !virsh.Stdout.Contains("vdd"), virsh.ToString());
        foreach (string command in OperatorCommands.In(run.LongOutput))
        {
            OperatorCommands.AssertAccepted(command);
        }
    }

    [Fact]
    public void Without_Cinder_the_mappings_of_Nova_alone_decide()
    {
        Guid instance = Guid.NewGuid(), cinderOnly = Guid.NewGuid();
        cloud.AddInstances((instance, _host, null, "active", null));
        cloud.AddCinderAttachment(cinderOnly, instance, "attached");
        string uri = TestHypervisor.WriteDomains(_dir.FullName,
            new TestDomain(instance, "instance-00000002", TestHypervisor.Running) { Volumes = [(cinderOnly, "vdb")] });

        CheckRun withCinder = Run(uri);
        CheckRun noCinder = Run(uri, "--no-cinder");

        Assert.Equal(1, withCinder.Perf("stale_volume_disks"));
        Assert.Equal(1, noCinder.Perf("stale_volume_disks"));
        Assert.Contains("no mapping in Nova)", noCinder.Stdout);
        Assert.Contains("not attached in Nova", noCinder.Stdout);
    }

    [Fact]
    public void A_domain_with_a_volume_disk_without_serial_is_one_line_and_the_rest_is_judged()
    {
        Guid unnamed = Guid.NewGuid(), other = Guid.NewGuid(), stale = Guid.NewGuid();
        cloud.AddInstances((unnamed, _host, null, "active", null), (other, _host, null, "active", null));
        string uri = TestHypervisor.WriteDomains(_dir.FullName,
            new TestDomain(unnamed, "instance-00000003", TestHypervisor.Running) { UnnamedVolume = true },
            new TestDomain(other, "instance-00000004", TestHypervisor.Running) { Volumes = [(stale, "vdb")] });

        CheckRun run = Run(uri);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(1, run.Perf("stale_volume_disks"));
        Assert.Contains($"volumes not judged: domain instance-00000003 ({unnamed}): disk vdz (/dev/sdz) has no serial, so its volume cannot be told", run.LongOutput);
    }

    [Fact]
    public void An_unreachable_Cinder_database_is_one_unknown_line_and_the_zombie_counts_still_stand()
    {
        Guid zombie = Guid.NewGuid();
        cloud.AddInstances((zombie, _host, 600, "deleted", null));
        string uri = TestHypervisor.Write(_dir.FullName, (zombie, "instance-00000005", TestHypervisor.Running));

        CheckRun run = Dist.Run(Check, ["--libvirt-uri", uri, "--host", _host, "--skip-disks", "--api-defaults-file", cloud.Databases.ReadOnlyLogin,
            "--api-database", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf, "--cinder-port", "1", "--no-ovs"]);

        Assert.Equal(2, run.ExitCode);
        // A source that cannot be read is named first; what was read is still judged beside it.
        Assert.StartsWith("NOVA_HYPERVISOR CRITICAL - volumes not compared: cannot connect to cinder database", run.FirstLine);
        Assert.Contains("1 zombie VMs", run.FirstLine);
        Assert.Equal(1, run.Perf("zombies"));
        Assert.False(run.Perfdata.ContainsKey("stale_volume_disks"));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private CheckRun Run(string uri, params string[] more) => Dist.Run(Check,
        ["--libvirt-uri", uri, "--host", _host, "--skip-disks", "--api-defaults-file", cloud.Databases.ReadOnlyLogin,
            "--api-database", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf, "--cinder-database", cloud.Databases.Name("cinder"), "--no-ovs", .. more]);
}
