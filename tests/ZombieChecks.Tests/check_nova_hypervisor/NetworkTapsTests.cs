using StackFsck.Tests.CloudChecks;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// check_nova_hypervisor's network counts: the dist binary, a real ovsdb-server whose interfaces
/// ovs-vsctl made as os-vif plugs ports, domains whose XML carries the interfaces as Nova writes
/// them, the real cell and Neutron databases.
/// </summary>
public sealed class NetworkTapsTests(ZombieCloud cloud) : IClassFixture<ZombieCloud>, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hypervisor-taps");
    private readonly OvsdbServer _ovs = new();
    private readonly string _host = cloud.NewHost();

    [Fact]
    public void Stale_taps_unplugged_and_mismatched_ports_are_counted_named_and_the_commands_run()
    {
        Guid instance = Guid.NewGuid(), fine = Guid.NewGuid(), unplugged = Guid.NewGuid(), wrongMac = Guid.NewGuid(), elsewhere = Guid.NewGuid(), gone = Guid.NewGuid();
        cloud.AddInstances((instance, _host, null, "active", null));
        cloud.AddPort(fine, "fa:16:3e:00:00:01", instance, _host);
        cloud.AddPort(unplugged, "fa:16:3e:00:00:02", instance, _host);
        cloud.AddPort(wrongMac, "fa:16:3e:00:00:03", instance, _host);
        cloud.AddPort(elsewhere, "fa:16:3e:00:00:04", instance, "other-host");
        _ovs.Plug(TestInterface.TapOf(fine), fine, "fa:16:3e:00:00:01", instance);
        _ovs.Plug(TestInterface.TapOf(wrongMac), wrongMac, "fa:16:3e:99:99:99", instance);
        _ovs.Plug(TestInterface.TapOf(elsewhere), elsewhere, "fa:16:3e:00:00:04", instance);
        _ovs.Plug(TestInterface.TapOf(gone), gone, "fa:16:3e:00:00:05", instance);
        _ovs.Vsctl("add-port", "br-int", "patch-tun", "--", "set", "Interface", "patch-tun", "type=patch", "options:peer=patch-int");
        string uri = TestHypervisor.WriteDomains(_dir.FullName, new TestDomain(instance, "instance-00000001", TestHypervisor.Running)
        {
            Interfaces = [new TestInterface("fa:16:3e:00:00:01", fine), new TestInterface("fa:16:3e:00:00:03", wrongMac)],
        });

        CheckRun run = Run(uri);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal((2, 1, 1, 4), (run.Perf("stale_taps"), run.Perf("unplugged_ports"), run.Perf("mismatched_ports"), run.Perf("taps")));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {TestInterface.TapOf(gone)} (port {gone} does not exist in Neutron); look: ovs-vsctl --db={_ovs.Remote} list Interface "));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {TestInterface.TapOf(elsewhere)} (port {elsewhere} is bound to other-host)"));
        Assert.Contains(run.LongOutput, line => line == $"  {instance} instance-00000001 port {unplugged} mac fa:16:3e:00:00:02; look: openstack port show {unplugged}");
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {TestInterface.TapOf(wrongMac)} port {wrongMac}: attached-mac fa:16:3e:99:99:99, the port's mac fa:16:3e:00:00:03"));
        Assert.DoesNotContain("patch-tun", run.Stdout);

        // The ovs-vsctl command shows the stale row itself; the openstack ones parse.
        foreach (string command in run.LongOutput.Where(l => l.Contains("look: ovs-vsctl")).Select(l => l[(l.IndexOf("look: ", StringComparison.Ordinal) + 6)..]))
        {
            string[] words = command.Split(' ');
            CheckRun vsctl = Dist.RunProgram(words[0], words[1..], new Dictionary<string, string?>());
            Assert.True(vsctl.ExitCode == 0 && vsctl.Stdout.Contains($"name                : {words[^1]}"), $"{command}: {vsctl}");
        }

        foreach (string command in OperatorCommands.In(run.LongOutput))
        {
            OperatorCommands.AssertAccepted(command);
        }
    }

    [Fact]
    public void A_tap_of_an_instance_deleted_past_the_grace_is_stale_whether_or_not_its_domain_is_still_here()
    {
        Guid zombie = Guid.NewGuid(), gone = Guid.NewGuid(), archived = Guid.NewGuid(), recent = Guid.NewGuid();
        cloud.AddInstances((zombie, _host, 600, "deleted", null), (gone, _host, 600, "deleted", null), (recent, _host, 5, "deleted", null));
        cloud.AddArchived(archived, _host, 600);
        // nova-compute did not unplug them, and Neutron still has their ports bound here.
        Guid[] instances = [zombie, gone, archived, recent];
        Guid[] ports = [.. instances.Select(_ => Guid.NewGuid())];
        for (int i = 0; i < instances.Length; i++)
        {
            cloud.AddPort(ports[i], $"fa:16:3e:00:02:{i:x2}", instances[i], _host);
            _ovs.Plug(TestInterface.TapOf(ports[i]), ports[i], $"fa:16:3e:00:02:{i:x2}", instances[i]);
        }

        string uri = TestHypervisor.WriteDomains(_dir.FullName, new TestDomain(zombie, "instance-00000004", TestHypervisor.Running)
        {
            Interfaces = [new TestInterface("fa:16:3e:00:02:00", ports[0])],
        });

        CheckRun run = Run(uri);

        Assert.True(run.Perf("stale_taps") == 3, run.ToString());
        for (int i = 0; i < 3; i++)
        {
            Assert.Contains(run.LongOutput, line => line.StartsWith($"  {TestInterface.TapOf(ports[i])} (instance {instances[i]} was deleted); look: "));
        }

        Assert.DoesNotContain(TestInterface.TapOf(ports[3]), run.Stdout);
    }

    [Fact]
    public void Run_centrally_tcp_reads_the_nodes_ovsdb_and_the_node_local_iscsi_sessions_are_skipped_with_one_line()
    {
        using var ovs = new OvsdbServer(tcp: true);
        Guid instance = Guid.NewGuid(), fine = Guid.NewGuid(), gone = Guid.NewGuid();
        cloud.AddInstances((instance, _host, null, "active", null));
        cloud.AddPort(fine, "fa:16:3e:00:01:01", instance, _host);
        ovs.Plug(TestInterface.TapOf(fine), fine, "fa:16:3e:00:01:01", instance);
        ovs.Plug(TestInterface.TapOf(gone), gone, "fa:16:3e:00:01:02", instance);
        string local = TestHypervisor.WriteDomains(_dir.FullName, new TestDomain(instance, "instance-00000003", TestHypervisor.Running)
        {
            Interfaces = [new TestInterface("fa:16:3e:00:01:01", fine)],
        });
        string central = TestHypervisor.ThroughDaemon(local);

        CheckRun overTcp = Dist.Run("check_nova_hypervisor", [.. Args(central), "--ovsdb", ovs.TcpRemote!]);
        CheckRun onTheNode = Dist.Run("check_nova_hypervisor", [.. Args(local), "--ovsdb", ovs.Remote]);
        CheckRun socketNotHere = Dist.Run("check_nova_hypervisor", [.. Args(central), "--ovsdb", ovs.Remote]);

        Assert.True(overTcp.ExitCode == 1, overTcp.ToString());
        Assert.Equal((1, 0, 0, 2), (overTcp.Perf("stale_taps"), overTcp.Perf("unplugged_ports"), overTcp.Perf("mismatched_ports"), overTcp.Perf("taps")));
        Assert.Equal(onTheNode.Perfdata.Keys.Where(k => !k.Contains("iscsi")).Order(), overTcp.Perfdata.Keys.Order());
        Assert.Equal(onTheNode.Perf("stale_taps"), overTcp.Perf("stale_taps"));
        Assert.Contains($"iSCSI sessions not compared: the node's sysfs is not here (libvirt {central} is another host)", overTcp.LongOutput);
        string look = Assert.Single(overTcp.LongOutput, l => l.StartsWith($"  {TestInterface.TapOf(gone)} (port {gone} does not exist in Neutron)"));
        string[] vsctl = look[(look.IndexOf("look: ", StringComparison.Ordinal) + 6)..].Split(' ');
        Assert.Equal($"--db={ovs.TcpRemote}", vsctl[1]);
        CheckRun shown = Dist.RunProgram(vsctl[0], vsctl[1..], new Dictionary<string, string?>());
        Assert.True(shown.ExitCode == 0 && shown.Stdout.Contains($"name                : {TestInterface.TapOf(gone)}"), shown.ToString());

        Assert.Contains($"taps and ports not compared: the node's OVSDB socket is not here (libvirt {central} is another host; --ovsdb tcp:HOST:PORT reaches it)",
            socketNotHere.LongOutput);
        Assert.False(socketNotHere.Perfdata.ContainsKey("stale_taps"), socketNotHere.ToString());
        Assert.Equal(0, socketNotHere.ExitCode);
    }

    [Fact]
    public void An_unreachable_ovsdb_socket_is_one_unknown_line_and_the_rest_is_still_reported()
    {
        Guid zombie = Guid.NewGuid();
        cloud.AddInstances((zombie, _host, 600, "deleted", null));
        string uri = TestHypervisor.Write(_dir.FullName, (zombie, "instance-00000002", TestHypervisor.Running));

        CheckRun run = Dist.Run("check_nova_hypervisor", [.. Args(uri), "--ovsdb", "unix:" + Path.Combine(_dir.FullName, "absent.sock")]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"NOVA_HYPERVISOR CRITICAL - taps and ports not compared: cannot reach OVSDB unix:{_dir.FullName}/absent.sock", run.FirstLine);
        Assert.Contains("1 zombie VMs", run.FirstLine);
        Assert.Equal(0, run.Perf("stale_volume_disks"));
        Assert.False(run.Perfdata.ContainsKey("stale_taps"));
    }

    [Fact]
    public void Without_Open_vSwitch_taps_are_not_compared_and_one_line_says_so()
    {
        string uri = TestHypervisor.Write(_dir.FullName);

        CheckRun run = Dist.Run("check_nova_hypervisor", [.. Args(uri), "--no-ovs"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("taps and ports not compared (--no-ovs or --no-neutron)", run.LongOutput);
    }

    public void Dispose()
    {
        _ovs.Dispose();
        _dir.Delete(recursive: true);
    }

    private CheckRun Run(string uri) => Dist.Run("check_nova_hypervisor", [.. Args(uri), "--ovsdb", _ovs.Remote]);

    private string[] Args(string uri) =>
        ["--libvirt-uri", uri, "--host", _host, "--skip-disks", "--api-defaults-file", cloud.Databases.ReadOnlyLogin,
            "--api-database", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf, "--cinder-database", cloud.Databases.Name("cinder"),
            "--neutron-database", cloud.Databases.Name("neutron"), "--iscsi-sysfs", Path.Combine(_dir.FullName, "no-iscsi")];
}
