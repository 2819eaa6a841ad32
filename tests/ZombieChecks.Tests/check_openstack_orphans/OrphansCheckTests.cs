namespace StackFsck.Tests.Zombies;

/// <summary>check_openstack_orphans as Nagios runs it: the dist binary against five real databases read by a SELECT-only user.</summary>
public sealed class OrphansCheckTests(OrphanCloud cloud) : IClassFixture<OrphanCloud>
{
    private const string Check = "check_openstack_orphans";

    [Fact]
    public void Every_kind_of_orphan_is_counted_with_its_remedy()
    {
        CheckRun run = Run();

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("OPENSTACK_ORPHANS WARNING - 3 ports of compute instances no cell runs (warning 0); ", run.FirstLine);
        Assert.Equal((3, 3, 2), (run.Perf("orphan_ports"), run.Perf("orphan_attachments"), run.Perf("orphan_volumes")));
        Assert.Equal((1, 1), (run.Perf("unmapped_instances"), run.Perf("stale_mappings")));
        Assert.Equal((4, 5, 4, 4), (run.Perf("instances"), run.Perf("mappings"), run.Perf("compute_ports"), run.Perf("attachments")));
        Assert.Contains($"  port port-deleted: device {OrphanCloud.Deleted} is deleted; remove: openstack port delete port-deleted", run.LongOutput);
        Assert.Contains($"  port port-gone: device {OrphanCloud.Gone} is in no cell; remove: openstack port delete port-gone", run.LongOutput);
        Assert.Contains(run.LongOutput, line => line.StartsWith("  attachment att-deleted of volume vol-deleted: instance") &&
            line.EndsWith("volume attachment delete att-deleted"));
        Assert.Contains($"  volume vol-gone: attached to instance {OrphanCloud.Gone}, which is in no cell; look: openstack volume show vol-gone", run.LongOutput);
        Assert.Contains($"  instance {OrphanCloud.Unmapped}: no instance mapping; fix: nova-manage cell_v2 map_instances --cell_uuid {OrphanCloud.Cell1Uuid}", run.LongOutput);
        Assert.Contains(run.LongOutput, line => line.StartsWith($"  mapping of {OrphanCloud.Stale}: no cell holds the instance"));
        Assert.DoesNotContain("port-router", run.Stdout);
        Assert.DoesNotContain(OrphanCloud.Building.ToString(), run.Stdout);
    }

    [Fact]
    public void The_counts_match_the_rows_a_person_would_count_by_hand()
    {
        CheckRun run = Run();

        long liveInstances = cloud.Databases.Count("cell0", "SELECT COUNT(*) FROM instances WHERE deleted = 0")
            + cloud.Databases.Count("cell1", "SELECT COUNT(*) FROM instances WHERE deleted = 0");
        Assert.Equal(liveInstances, run.Perf("instances"));
        Assert.Equal(cloud.Databases.Count("neutron", "SELECT COUNT(*) FROM ports WHERE device_owner LIKE 'compute:%'"), run.Perf("compute_ports"));
        Assert.Equal(cloud.Databases.Count("cinder", "SELECT COUNT(*) FROM volume_attachment WHERE deleted = 0"), run.Perf("attachments"));
    }

    [Fact]
    public void Each_category_has_its_own_thresholds()
    {
        CheckRun critical = Run("--critical-stale-mappings", "0");
        CheckRun quiet = Run("-w", "~:", "--warning-attachments", "5", "--warning-volumes", "5", "--warning-unmapped", "1", "--warning-stale-mappings", "1");

        Assert.Equal(2, critical.ExitCode);
        Assert.StartsWith("OPENSTACK_ORPHANS CRITICAL - 1 instance mappings without an instance (critical 0)", critical.FirstLine);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("OPENSTACK_ORPHANS OK - no orphans: 4 live instances in 2 cells, 4 compute ports, 4 volume attachments", quiet.Text);
    }

    [Fact]
    public void The_long_output_lists_at_most_list_ids_per_category()
    {
        CheckRun run = Run("--list", "1");

        Assert.Contains("  ... and 2 more", run.LongOutput);
        Assert.Equal(3, run.Perf("orphan_ports"));
    }

    [Fact]
    public void Each_database_may_be_named_by_a_connection_of_its_own()
    {
        CheckRun run = Dist.Run(Check, "-f", cloud.Databases.ReadOnlyLogin, "-d", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf,
            "--neutron-host", CloudDatabases.Host, "--neutron-port", CloudDatabases.Port, "--neutron-database", cloud.Databases.Name("neutron"),
            "--cinder-defaults-file", cloud.Databases.ReadOnlyLogin, "--cinder-database", cloud.Databases.Name("cinder"), "--no-placement", "-v");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal((3, 3), (run.Perf("orphan_ports"), run.Perf("orphan_attachments")));
        Assert.Contains($"connected to neutron database ({cloud.Databases.Name("neutron")} on {CloudDatabases.Host}:{CloudDatabases.Port})", run.Stderr);
    }

    [Fact]
    public void A_service_left_out_is_neither_read_nor_reported()
    {
        CheckRun run = Run("--no-neutron", "--no-cinder");

        Assert.Equal(1, run.ExitCode);
        Assert.False(run.Perfdata.ContainsKey("orphan_ports"));
        Assert.False(run.Perfdata.ContainsKey("orphan_attachments"));
        Assert.Equal(1, run.Perf("stale_mappings"));
    }

    [Fact]
    public void Database_problems_are_one_unknown_line_naming_the_culprit()
    {
        CheckRun noDatabase = Dist.Run(Check, "-f", cloud.Databases.ReadOnlyLogin, "-d", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf,
            "--no-cinder", "--no-placement");
        CheckRun noTable = Dist.Run(Check, "-f", cloud.Databases.ReadOnlyLogin, "-d", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf,
            "--neutron-database", cloud.Databases.Name("cinder"), "--no-cinder", "--no-placement");
        CheckRun notNovaApi = Dist.Run(Check, "-f", cloud.Databases.ReadOnlyLogin, "-d", cloud.Databases.Name("cell1"), "--no-neutron", "--no-cinder", "--no-placement");

        Assert.Equal((3, 3, 3), (noDatabase.ExitCode, noTable.ExitCode, notNovaApi.ExitCode));
        // The SELECT-only user may not even see a database it has no grant on: the server says access denied.
        Assert.StartsWith("OPENSTACK_ORPHANS UNKNOWN - access denied to neutron database (neutron on ", noDatabase.FirstLine);
        Assert.StartsWith("OPENSTACK_ORPHANS UNKNOWN - missing table while reading the compute ports on neutron database", noTable.FirstLine);
        Assert.StartsWith("OPENSTACK_ORPHANS UNKNOWN - missing table while reading cell_mappings", notNovaApi.FirstLine);
    }

    [Fact]
    public void A_server_that_never_answers_ends_at_the_deadline_naming_the_stage()
    {
        // A listener that never accepts: the kernel completes the TCP handshake, the server greeting never comes.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        string port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port.ToString();

        CheckRun run = Dist.Run(Check, "-H", "127.0.0.1", "-P", port, "-u", "monitor", "-t", "1:CRITICAL");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"OPENSTACK_ORPHANS CRITICAL - timed out after 1 s while connecting to nova_api database (nova_api on 127.0.0.1:{port})", run.FirstLine);
    }

    private CheckRun Run(params string[] more) => Dist.Run(Check,
        ["-f", cloud.Databases.ReadOnlyLogin, "-d", cloud.Databases.Name("nova_api"), "--nova-conf", cloud.NovaConf,
            "--neutron-database", cloud.Databases.Name("neutron"), "--cinder-database", cloud.Databases.Name("cinder"), "--no-placement", .. more]);
}
