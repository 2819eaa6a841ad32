using System.Diagnostics;

namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// check_nova_hypervisor against an OVSDB that misbehaves, with real cell and Neutron databases and
/// libvirt's test driver: the OVSDB is one line, the rest of the audit is still reported (a zombie
/// here, so CRITICAL), and the run never outlasts -t. The OVSDBs are hand-made broken servers: a
/// real ovsdb-server does not hang or cut its answers on demand.
/// </summary>
public sealed class OvsdbFaultTests : IDisposable
{
    private const double Timeout = 4;

    /// <summary>Process start and exit on a busy shared machine; the timeout itself is measured inside the check.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    /// <summary>The one domain of libvirt's test:///default ("test").</summary>
    private static readonly Guid TestDomain = Guid.Parse("6695eb01-f6a4-8304-79aa-97f2502e193f");

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("fault-ovsdb");
    private readonly ScratchDatabase _cell = new("ovsdb_cell", "nova");
    private readonly ScratchDatabase _neutron = new("ovsdb_neutron", "neutron");

    public OvsdbFaultTests()
    {
        _cell.GrantSelectOn(_neutron);
        _cell.Execute("INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state) " +
            $"VALUES ('{TestDomain}', 'cmp1', 1, UTC_TIMESTAMP() - INTERVAL 10 HOUR, 'deleted'); UPDATE instances SET deleted = id");
    }

    [Fact]
    public void An_ovsdb_that_accepts_and_never_answers_is_one_line_after_half_of_the_timeout()
    {
        using BrokenServer blackhole = BrokenServer.Blackhole();

        CheckRun run = Timed($"tcp:127.0.0.1:{blackhole.Port}");

        Assert.Contains($"taps and ports not compared: OVSDB tcp:127.0.0.1:{blackhole.Port} did not answer within 2 s (half of -t)", run.FirstLine);
    }

    [Theory]
    [InlineData("""{"id":1,"result":[{"rows":[{"name":"tap1","external_ids":["map",[""", "closed the connection before its answer ended")]
    [InlineData("""{"id":1,"result":[{"rows":[{"name":"tap1",,}]}],"error":null}""", "is damaged")]
    [InlineData("""{"id":1,"result":"no rows here","error":null}""", "is damaged")]
    [InlineData("""{"id":1,"result":[{"rows":[{"name":1,"external_ids":["map",[]]}]}],"error":null}""", "is damaged")]
    [InlineData("""{"id":1,"result":null,"error":"unknown database"}""", "refused the query")]
    public void A_cut_or_damaged_ovsdb_answer_is_one_line(string answer, string says)
    {
        using BrokenServer ovsdb = BrokenServer.AnswerUnframed(answer);

        CheckRun run = Timed($"tcp:127.0.0.1:{ovsdb.Port}");

        Assert.Contains("taps and ports not compared: ", run.FirstLine);
        Assert.Contains(says, run.FirstLine);
    }

    public void Dispose()
    {
        _cell.Dispose();
        _neutron.Dispose();
        _home.Delete(recursive: true);
    }

    /// <summary>Runs the check against the OVSDB <paramref name="remote"/>; asserts the rest of the audit, no internals, within -t.</summary>
    private CheckRun Timed(string remote)
    {
        string[] args =
        [
            "--libvirt-uri", "test:///default", "--skip-disks", "--host", "cmp1", "--cell-defaults-file", _cell.ReadOnly, "--cell-database", _cell.Name,
            "--no-cinder", "--neutron-database", _neutron.Name, "--iscsi-sysfs", Path.Combine(_home.FullName, "no-iscsi"), "--ovsdb", remote,
            "-t", $"{Timeout}",
        ];
        var clock = Stopwatch.StartNew();
        CheckRun run = Dist.Run("check_nova_hypervisor", args, Checks.Environment(_home.FullName));
        TimeSpan took = clock.Elapsed;

        Assert.True(run.ExitCode == 2 && run.FirstLine.StartsWith("NOVA_HYPERVISOR CRITICAL - ") && run.FirstLine.Contains("1 zombie VMs"), run.ToString());
        Assert.Equal(0, run.Perf("stale_volume_disks"));
        Assert.False(run.Perfdata.ContainsKey("stale_taps"), run.ToString());
        Assert.True(took < TimeSpan.FromSeconds(Timeout) + Margin, $"took {took.TotalSeconds:0.00} s with -t {Timeout}");
        Checks.AssertNoInternals(run);
        return run;
    }
}
