namespace StackFsck.Tests.Zombies;

/// <summary>
/// check_nova_zombies as Nagios runs it: the dist binary under its former name (a link to
/// check_nova_hypervisor), libvirt's test driver, the real cell database.
/// </summary>
public sealed class NovaZombiesCheckTests(ZombieCloud cloud) : IClassFixture<ZombieCloud>, IDisposable
{
    private const string Check = "check_nova_zombies";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zombies-host");
    private readonly string _host = cloud.NewHost();

    [Fact]
    public void Every_category_is_counted_listed_and_judged()
    {
        Guid zombie = Guid.NewGuid(), archived = Guid.NewGuid(), recent = Guid.NewGuid(), missing = Guid.NewGuid();
        Guid misplaced = Guid.NewGuid(), unknown = Guid.NewGuid(), appliance = Guid.NewGuid(), fine = Guid.NewGuid(), strayDisk = Guid.NewGuid();
        cloud.AddInstances(
            (zombie, _host, 2 * 24 * 60, "deleted", null), (recent, _host, 5, "deleted", null), (missing, _host, null, "active", null),
            (misplaced, "elsewhere", null, "active", null), (fine, _host, null, "stopped", null));
        cloud.AddArchived(archived, _host, 3 * 24 * 60);
        string uri = TestHypervisor.Write(_dir.FullName,
            (zombie, "instance-00000001", TestHypervisor.Running), (archived, "instance-00000002", TestHypervisor.ShutOff),
            (recent, "instance-00000003", TestHypervisor.Running), (misplaced, "instance-00000004", TestHypervisor.Running),
            (unknown, "instance-0000beef", TestHypervisor.Running), (appliance, "backup-appliance", TestHypervisor.Running),
            (fine, "instance-00000005", TestHypervisor.ShutOff));
        string instances = InstancesPath((zombie, 1000), (strayDisk, 500), (fine, 4000));

        CheckRun run = Run(uri, "--instances-path", instances, "--ignore-domain", "^backup-");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("NOVA_ZOMBIES CRITICAL - 2 zombie VMs (deleted in Nova over 1 h ago, domain still defined) (critical 0)", run.FirstLine);
        Assert.Equal((2, 1, 1, 1), (run.Perf("zombies"), run.Perf("missing"), run.Perf("misplaced"), run.Perf("unknown")));
        Assert.Equal((2, 1500), (run.Perf("leftover_disks"), run.Perf("leftover_bytes")));
        Assert.Equal((7, 2, 1), (run.Perf("domains"), run.Perf("expected"), run.Perf("recently_deleted")));
        Assert.Equal("B", run.Perfdata["leftover_bytes"].Unit);
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {zombie} instance-00000001 running, deleted ") && line.EndsWith($"dominfo {zombie}"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {missing} vm_state active; look: openstack server show {missing}"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {misplaced} instance-00000004 running, Nova says host elsewhere"));
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  {unknown} instance-0000beef running"));
        Assert.Contains(run.LongOutput, line => line.Contains($"{strayDisk} 500 B, unknown to Nova"));
        Assert.DoesNotContain(appliance.ToString(), run.Stdout);
    }

    [Fact]
    public void The_grace_period_spares_domains_of_instances_deleted_moments_ago()
    {
        Guid recent = Guid.NewGuid();
        cloud.AddInstances((recent, _host, 5, "deleted", null));
        string uri = TestHypervisor.Write(_dir.FullName, (recent, "instance-00000010", TestHypervisor.Running));

        CheckRun spared = Run(uri, "--skip-disks");
        CheckRun caught = Run(uri, "--skip-disks", "--grace", "2m");

        Assert.Equal(0, spared.ExitCode);
        Assert.Equal(1, spared.Perf("recently_deleted"));
        Assert.Contains("1 domains of instances deleted within the last 1 h", spared.Stdout);
        Assert.Equal(2, caught.ExitCode);
        Assert.Equal(1, caught.Perf("zombies"));
    }

    [Fact]
    public void A_host_that_matches_Nova_is_ok_and_says_what_it_compared()
    {
        Guid fine = Guid.NewGuid();
        cloud.AddInstances((fine, _host, null, "active", null));
        string uri = TestHypervisor.Write(_dir.FullName, (fine, "instance-00000020", TestHypervisor.Running));

        CheckRun run = Run(uri, "--instances-path", InstancesPath((fine, 10)));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"NOVA_ZOMBIES OK - 1 domains, 1 instances Nova runs on {_host}, nothing amiss", run.Text);
        Assert.Equal(0, run.Perf("leftover_bytes"));
    }

    [Fact]
    public void Thresholds_of_each_category_set_the_state()
    {
        Guid missing = Guid.NewGuid();
        cloud.AddInstances((missing, _host, null, "active", null));
        string uri = TestHypervisor.Write(_dir.FullName);

        CheckRun critical = Run(uri, "--skip-disks", "--critical-missing", "0");
        CheckRun silenced = Run(uri, "--skip-disks", "--warning-missing", "~:");

        Assert.Equal(2, critical.ExitCode);
        Assert.Contains($"1 instances Nova runs on {_host} have no domain (critical 0)", critical.Text);
        Assert.Equal(0, silenced.ExitCode);
    }

    [Fact]
    public void A_cell_database_given_directly_needs_no_nova_api()
    {
        Guid zombie = Guid.NewGuid();
        cloud.AddInstances((zombie, "unmapped-host", 600, "deleted", null));
        string uri = TestHypervisor.Write(_dir.FullName, (zombie, "instance-00000030", TestHypervisor.Running));

        CheckRun run = Dist.Run(Check, "--libvirt-uri", uri, "--skip-disks", "--host", "unmapped-host",
            "--cell-host", CloudDatabases.Host, "--cell-port", CloudDatabases.Port, "--cell-defaults-file", cloud.Databases.ReadOnlyLogin, "--cell-database", cloud.Databases.Name("cell1"), "-v");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(1, run.Perf("zombies"));
        Assert.Contains($"connected to cell database ({cloud.Databases.Name("cell1")} on {CloudDatabases.Host}:{CloudDatabases.Port})", run.Stderr);
    }

    [Fact]
    public void Problems_reading_a_source_are_one_unknown_line()
    {
        string uri = TestHypervisor.Write(_dir.FullName);

        CheckRun noMapping = Dist.Run(Check, "--libvirt-uri", uri, "--skip-disks", "--host", "never-discovered",
            "--api-defaults-file", cloud.Databases.ReadOnlyLogin, "--api-database", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf);
        CheckRun noTemplate = Dist.Run(Check, "--libvirt-uri", uri, "--skip-disks", "--host", _host,
            "--api-defaults-file", cloud.Databases.ReadOnlyLogin, "--api-database", cloud.Databases.Name("nova_api"));
        CheckRun noLibvirt = Run("test://" + Path.Combine(_dir.FullName, "absent.xml"), "--skip-disks");
        CheckRun noInstancesPath = Run(uri, "--instances-path", Path.Combine(_dir.FullName, "absent"));

        AssertUnknown(noMapping, "host 'never-discovered' has no host mapping");
        AssertUnknown(noTemplate, "the database_connection of cell cell1 is a template: give --nova-conf");
        AssertUnknown(noLibvirt, "cannot connect to libvirt 'test://");
        AssertUnknown(noInstancesPath, "cannot read the instances path");
    }

    [Fact]
    public void The_cell_password_from_nova_conf_never_shows()
    {
        CheckRun run = Run(TestHypervisor.Write(_dir.FullName), "--skip-disks", "-vvv");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cell cell1", run.Stderr);
        Assert.DoesNotContain(CloudDatabases.Password, run.Stdout + run.Stderr);
    }

    [Fact]
    public void The_old_name_is_a_link_whose_answer_the_hypervisor_check_gives_too_under_its_own_word()
    {
        Guid zombie = Guid.NewGuid(), missing = Guid.NewGuid();
        cloud.AddInstances((zombie, _host, 600, "deleted", null), (missing, _host, null, "active", null));
        string uri = TestHypervisor.Write(_dir.FullName, (zombie, "instance-00000040", TestHypervisor.Running));
        string[] args = ["--libvirt-uri", uri, "--host", _host, "--skip-disks", "--api-defaults-file", cloud.Databases.ReadOnlyLogin,
            "--api-database", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf];

        CheckRun old = Dist.Run(Check, args);
        CheckRun grown = Dist.Run("check_nova_hypervisor", [.. args, "--no-cinder", "--no-ovs"]);

        Assert.Equal("check_nova_hypervisor", new FileInfo(Path.Combine(Dist.Directory, Check)).LinkTarget);
        Assert.Equal(2, old.ExitCode);
        Assert.StartsWith("NOVA_ZOMBIES CRITICAL - 1 zombie VMs", old.FirstLine);
        Assert.False(old.Perfdata.ContainsKey("stale_volume_disks"));
        // The grown check adds its own counts (all 0 here) to the same verdict.
        Assert.Equal(old.ExitCode, grown.ExitCode);
        Assert.Equal(old.Text.Replace("NOVA_ZOMBIES", "NOVA_HYPERVISOR"), grown.Text);
        Assert.All(old.Perfdata, perf => Assert.Equal(perf.Value, grown.Perfdata[perf.Key]));
        Assert.All(old.LongOutput, line => Assert.Contains(line, grown.LongOutput));
        Assert.Equal(0, grown.Perf("stale_volume_disks"));
    }

    [Fact]
    public void The_old_name_keeps_its_old_options_only()
    {
        CheckRun help = Dist.Run(Check, "--help");

        Assert.Equal(3, help.ExitCode);
        Assert.Contains($"Usage:\n  {Check} [options]", help.Stdout);
        Assert.DoesNotContain("check_nova_hypervisor", help.Stdout);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static void AssertUnknown(CheckRun run, string text)
    {
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("NOVA_ZOMBIES UNKNOWN - " + text, run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    /// <summary>Runs the check for this test's host through nova_api, as deployed: SELECT-only login, template cell mapping.</summary>
    private CheckRun Run(string uri, params string[] more) => Dist.Run(Check,
        ["--libvirt-uri", uri, "--host", _host, "--api-defaults-file", cloud.Databases.ReadOnlyLogin, "--api-database", cloud.Databases.Name("nova_api"),
            "--nova-conf", cloud.NovaConf, .. more]);

    /// <summary>An instances path holding a directory (with one file of the given size) per uuid, and Nova's _base.</summary>
    private string InstancesPath(params (Guid Uuid, int Bytes)[] directories)
    {
        DirectoryInfo root = _dir.CreateSubdirectory("instances");
        root.CreateSubdirectory("_base");
        foreach ((Guid uuid, int bytes) in directories)
        {
            File.WriteAllBytes(Path.Combine(root.CreateSubdirectory(uuid.ToString()).FullName, "disk"), new byte[bytes]);
        }

        return root.FullName;
    }
}
