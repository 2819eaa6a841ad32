using System.Text.Json;
using StackFsck.Libvirt;
using StackFsck.OpenStack.Nova;
using StackFsck.Plugin.Database;
using StackFsck.Remedy.Repairs;
using StackFsck.Remedy.Repairs.LeftoverDisk;
using StackFsck.Tests.Zombies;

namespace StackFsck.Remedy.Tests.Repairs.LeftoverDisk;

/// <summary>
/// leftover-disk on a real instances folder and a cell database nova-manage made: the shipped
/// executable plans, moves, journals and undoes; the race (an instance restored between the plan
/// and the act) runs in-process, so the test can restore it in between.
/// </summary>
public sealed class LeftoverDiskTests : IDisposable
{
    private const string Host = "cmp007";
    private readonly ScratchDatabase _cell = ServiceTools.Copy("leftover", "nova");
    private readonly RemedyFolder _folder = new();
    private readonly Guid _deletedLongAgo = Guid.NewGuid();
    private readonly Guid _deletedJustNow = Guid.NewGuid();
    private readonly Guid _live = Guid.NewGuid();
    private readonly Guid _unknown = Guid.NewGuid();
    private readonly Guid _zombie = Guid.NewGuid();
    private readonly string _uri;

    public LeftoverDiskTests()
    {
        _cell.Execute("INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state) VALUES " +
            $"('{_deletedLongAgo}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 3 HOUR, 'deleted'), " +
            $"('{_deletedJustNow}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 5 MINUTE, 'deleted'), " +
            $"('{_zombie}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 2 HOUR, 'deleted'), " +
            $"('{_live}', '{Host}', 0, NULL, 'active'); UPDATE instances SET deleted = id WHERE deleted = 1");
        _uri = TestHypervisor.Write(_folder.Root, (_zombie, "instance-0000000z", TestHypervisor.Running), (_live, "instance-0000000l", TestHypervisor.Running));
        foreach (Guid uuid in (Guid[])[_deletedLongAgo, _deletedJustNow, _live, _unknown, _zombie])
        {
            Directory.CreateDirectory(Instance(uuid));
            File.WriteAllBytes(Path.Combine(Instance(uuid), "disk"), new byte[100]);
        }
    }

    private string Instances => Path.Combine(_folder.Root, "instances");

    private string Quarantine => LeftoverDisks.Quarantine(Instances, DateTimeOffset.UtcNow);

    /// <summary>The instance directories check_nova_hypervisor's scan counts.</summary>
    private HashSet<Guid> Counted() => InstanceDirectories.Scan(Instances).Select(d => d.Uuid).ToHashSet();

    private string Instance(Guid uuid) => Path.Combine(Instances, uuid.ToString());

    private string[] Args(params string[] extra) => ArgsFor(_cell.Name, extra);

    private string[] ArgsFor(string database, params string[] extra) =>
    [
        "leftover-disk", "--instances-path", Instances, "--libvirt-uri", _uri, "--host", Host, "--grace", "1h",
        "--cell-defaults-file", _cell.ReadOnly, "--cell-database", database, "--journal", _folder.Journal, .. extra,
    ];

    [Fact]
    public void A_dry_run_prints_the_plan_and_changes_nothing()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args());

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains($"{Instance(_deletedLongAgo)} (deleted in Nova at ", run.Stdout);
        Assert.Contains($"{Instance(_unknown)} (unknown to Nova, 100 bytes)", run.Stdout);
        Assert.DoesNotContain(_live.ToString(), run.Stdout);
        Assert.DoesNotContain(_deletedJustNow.ToString(), run.Stdout);
        Assert.Contains($"kept {Instance(_zombie)} (deleted in Nova at ", run.Stdout);
        Assert.Contains("libvirt defines its domain instance-0000000z; zombie-domain removes that first", run.Stdout);
        Assert.All((Guid[])[_deletedLongAgo, _deletedJustNow, _live, _unknown, _zombie], uuid => Assert.True(Directory.Exists(Instance(uuid))));
        Assert.False(Directory.Exists(Path.Combine(Instances, LeftoverDisks.QuarantineFolder)));
        Assert.Empty(_folder.JournalLines);
    }

    [Fact]
    public void Apply_quarantines_exactly_the_leftovers_which_the_check_then_no_longer_counts_and_undo_puts_them_back()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply"));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(
            new HashSet<string> { Path.Combine(Quarantine, _deletedLongAgo.ToString()), Path.Combine(Quarantine, _unknown.ToString()) },
            Directory.GetDirectories(Quarantine).ToHashSet());
        Assert.Equal(new HashSet<Guid> { _deletedJustNow, _live, _zombie }, Counted());
        Assert.Equal(100, new FileInfo(Path.Combine(Quarantine, _unknown.ToString(), "disk")).Length);

        JsonElement[] journal = _folder.JournalLines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(2, journal.Length);
        Assert.All(journal, entry => Assert.Equal(("leftover-disk", "moved"), (entry.GetProperty("action").GetString(), entry.GetProperty("outcome").GetString())));
        string undo = journal[0].GetProperty("undo").GetString()!;
        Assert.Equal($"stackfsck-remedy undo {_folder.Journal}", undo);

        CheckRun undone = Dist.Run("stackfsck-remedy", undo.Split(' ')[1..]);

        Assert.Equal((0, ""), (undone.ExitCode, undone.Stderr));
        Assert.Equal(new HashSet<Guid> { _deletedLongAgo, _deletedJustNow, _live, _unknown, _zombie }, Counted());
        Assert.Empty(Directory.GetDirectories(Quarantine));
        CheckRun again = Dist.Run("stackfsck-remedy", "undo", _folder.Journal);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("moved-back", again.Stdout);
    }

    [Fact]
    public void An_instance_restored_between_the_plan_and_the_act_keeps_its_directory()
    {
        var settings = new DatabaseSettings { DefaultsFile = _cell.ReadOnly, Database = _cell.Name };
        using NovaCellReader nova = NovaCellReader.Open(new NovaDatabaseSettings(new DatabaseSettings(), settings, null), Host, TimeSpan.FromSeconds(30), TextWriter.Null);
        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: true);
        DateTime cutoff = DateTime.UtcNow.AddHours(-1);
        LeftoverDirectory planned = Assert.Single(LeftoverDisks.Plan(nova, libvirt, Instances, Host, cutoff), d => d.Uuid == _deletedLongAgo);

        _cell.Execute($"UPDATE instances SET deleted = 0, deleted_at = NULL, vm_state = 'active' WHERE uuid = '{_deletedLongAgo}'");
        LeftoverOutcome outcome = LeftoverDisks.Act(planned, nova, libvirt, Host, cutoff, Quarantine);

        Assert.Equal(("left-alone", null), (outcome.Outcome, outcome.MovedTo));
        Assert.Contains("vm_state active", outcome.Detail);
        Assert.True(Directory.Exists(Instance(_deletedLongAgo)));
    }

    [Fact]
    public void A_directory_whose_domain_is_defined_between_the_plan_and_the_act_is_never_moved()
    {
        var settings = new DatabaseSettings { DefaultsFile = _cell.ReadOnly, Database = _cell.Name };
        using NovaCellReader nova = NovaCellReader.Open(new NovaDatabaseSettings(new DatabaseSettings(), settings, null), Host, TimeSpan.FromSeconds(30), TextWriter.Null);
        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: false);
        DateTime cutoff = DateTime.UtcNow.AddHours(-1);
        List<LeftoverDirectory> plan = LeftoverDisks.Plan(nova, libvirt, Instances, Host, cutoff);
        LeftoverDirectory planned = Assert.Single(plan, d => d.Uuid == _unknown);
        Assert.Equal("instance-0000000z", Assert.Single(plan, d => d.Uuid == _zombie).Domain);

        libvirt.Define(TestHypervisor.DomainXml(new TestDomain(_unknown, "instance-0000000u", TestHypervisor.ShutOff)));
        LeftoverOutcome outcome = LeftoverDisks.Act(planned, nova, libvirt, Host, cutoff, Quarantine);

        Assert.Equal(("left-alone", "libvirt defines its domain instance-0000000u"), (outcome.Outcome, outcome.Detail));
        Assert.True(Directory.Exists(Instance(_unknown)));
    }

    [Fact]
    public void More_leftovers_than_max_refuses_the_run_and_moves_nothing()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply", "--max", "1"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("stackfsck-remedy: refused: 2 directories is more than --max 1; nothing was moved\n", run.Stderr);
        Assert.True(Directory.Exists(Instance(_unknown)));
        Assert.Empty(_folder.JournalLines);
    }

    [Fact]
    public void An_unreachable_database_is_one_line_and_nothing_moves()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", ArgsFor("no_such_database", "--apply"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("stackfsck-remedy: access denied to cell database (no_such_database on ", run.Stderr);
        Assert.True(Directory.Exists(Instance(_unknown)));
    }

    public void Dispose()
    {
        _folder.Dispose();
        _cell.Dispose();
    }
}
