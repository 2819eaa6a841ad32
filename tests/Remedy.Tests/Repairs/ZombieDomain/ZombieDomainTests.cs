using System.Text.Json;
using StackFsck.Libvirt;
using StackFsck.Plugin.Database;
using StackFsck.Remedy.Repairs;
using StackFsck.Remedy.Repairs.Undo;
using StackFsck.Remedy.Repairs.ZombieDomain;
using StackFsck.Tests.Zombies;

namespace StackFsck.Remedy.Tests.Repairs.ZombieDomain;

/// <summary>
/// zombie-domain on libvirt's test driver and Nova databases nova-manage made, the host's cell found
/// through nova_api as the check finds it. A node file of the test driver keeps what a connection
/// changes in that connection alone, so the runs that act on one are made in-process on one connection
/// the test then looks through; the shipped executable runs the dry run, the guard and the command
/// line of --apply, and --apply then undo as two processes on the test tier's libvirtd, whose
/// test:///default keeps its domains between connections.
/// </summary>
public sealed class ZombieDomainTests : IDisposable
{
    private const string Host = "cmp042";
    private readonly NovaDatabases _nova = new("zombiedomain");
    private readonly RemedyFolder _folder = new();
    private readonly Guid _deletedLongAgo = Guid.NewGuid();
    private readonly Guid _deletedYesterday = Guid.NewGuid();
    private readonly Guid _deletedJustNow = Guid.NewGuid();
    private readonly Guid _live = Guid.NewGuid();
    private readonly Guid _unknown = Guid.NewGuid();
    private readonly string _uri;

    public ZombieDomainTests()
    {
        _nova.Api.GrantSelectOn(_nova.Cell1);
        _nova.Api.Execute($"INSERT INTO host_mappings (cell_id, host) SELECT id, '{Host}' FROM cell_mappings WHERE name = 'cell1'");
        _nova.Cell1.Execute("INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state) VALUES " +
            $"('{_deletedLongAgo}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 3 HOUR, 'deleted'), " +
            $"('{_deletedYesterday}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 1 DAY, 'deleted'), " +
            $"('{_deletedJustNow}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 5 MINUTE, 'deleted'), " +
            $"('{_live}', '{Host}', 0, NULL, 'active'); UPDATE instances SET deleted = id WHERE deleted = 1");
        _uri = TestHypervisor.Write(_folder.Root,
            (_deletedLongAgo, "instance-00000001", TestHypervisor.Running), (_deletedYesterday, "instance-00000002", TestHypervisor.ShutOff),
            (_deletedJustNow, "instance-00000003", TestHypervisor.Running), (_live, "instance-00000004", TestHypervisor.Running),
            (_unknown, "not-novas", TestHypervisor.Running));
    }

    private Guid[] Zombies => [_deletedLongAgo, _deletedYesterday];

    private string[] Args(params string[] extra) => ArgsOn(_uri, extra);

    private string[] ArgsOn(string uri, params string[] extra) =>
    [
        "zombie-domain", "--libvirt-uri", uri, "--host", Host, "--api-defaults-file", _nova.Api.ReadOnly, "--api-database", _nova.Api.Name,
        "--output-dir", _folder.Output, "--journal", _folder.Journal, .. extra,
    ];

    private ZombieDomainRequest Request(bool apply, int max = 10) => new(_uri, _folder.Output, TimeSpan.FromHours(1), new RepairSettings(
        Host,
        new NovaDatabaseSettings(new DatabaseSettings { Name = "nova_api database", DefaultsFile = _nova.Api.ReadOnly, Database = _nova.Api.Name }, new DatabaseSettings(), null),
        apply, max, _folder.Journal, TimeSpan.FromSeconds(30)));

    private static HashSet<Guid> Defined(LibvirtConnection libvirt) => libvirt.ListDomains().Select(d => d.Uuid).ToHashSet();

    [Fact]
    public void A_dry_run_prints_the_zombies_the_check_counts_and_changes_nothing()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args());

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains($"zombie-domain: 2 domains of {Host} on {_uri} to destroy and undefine", run.Stdout);
        Assert.Contains($"  instance-00000001 {_deletedLongAgo} (running, deleted in Nova at ", run.Stdout);
        Assert.Contains($"  instance-00000002 {_deletedYesterday} (shut off, deleted in Nova at ", run.Stdout);
        Assert.All((Guid[])[_deletedJustNow, _live, _unknown], uuid => Assert.DoesNotContain(uuid.ToString(), run.Stdout));
        Assert.Contains("dry run: nothing was destroyed; add --apply to act", run.Stdout);
        Assert.Empty(_folder.JournalLines);
        Assert.False(Directory.Exists(_folder.Output));

        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: true);
        Assert.Equal(0, ZombieDomainRun.Execute(Request(apply: false), libvirt, DateTimeOffset.UtcNow, TextWriter.Null, TextWriter.Null));
        Assert.Equal(new HashSet<Guid> { _deletedLongAgo, _deletedYesterday, _deletedJustNow, _live, _unknown }, Defined(libvirt));
    }

    [Fact]
    public void Apply_removes_exactly_the_zombies_with_their_xml_saved_and_undo_defines_them_again_shut_off()
    {
        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: false);

        int exit = ZombieDomainRun.Execute(Request(apply: true), libvirt, DateTimeOffset.UtcNow, TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(new HashSet<Guid> { _deletedJustNow, _live, _unknown }, Defined(libvirt));
        JsonElement[] journal = _folder.JournalLines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(Zombies.Select(u => u.ToString()).Order(), journal.Select(e => e.GetProperty("uuid").GetString()).Order());
        Assert.All(journal, entry =>
        {
            Assert.Equal(("zombie-domain", "removed"), (entry.GetProperty("action").GetString(), entry.GetProperty("outcome").GetString()));
            Assert.Equal($"stackfsck-remedy undo {_folder.Journal}", entry.GetProperty("undo").GetString());
            string xml = entry.GetProperty("xml").GetString()!;
            Assert.StartsWith(Path.Combine(_folder.Output, "zombie-domain") + "/", xml);
            Assert.Contains($"<uuid>{entry.GetProperty("uuid").GetString()}</uuid>", File.ReadAllText(xml));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(xml));
        });

        var undone = new StringWriter();
        Assert.Equal(0, UndoRun.Execute(_folder.Journal, _ => libvirt, undone));

        Assert.Equal(new HashSet<Guid> { _deletedLongAgo, _deletedYesterday, _deletedJustNow, _live, _unknown }, Defined(libvirt));
        Assert.Equal(DomainState.ShutOff, libvirt.Find(_deletedLongAgo)!.State);
        Assert.Equal("instance-00000001", libvirt.Find(_deletedLongAgo)!.Name);
        Assert.Equal(2, undone.ToString().Split('\n').Count(line => line.StartsWith("defined ", StringComparison.Ordinal)));

        var again = new StringWriter();
        Assert.Equal(0, UndoRun.Execute(_folder.Journal, _ => libvirt, again));
        Assert.DoesNotContain("defined ", again.ToString());
    }

    [Fact]
    public void Apply_from_the_command_line_journals_each_removal_with_its_saved_xml()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply"));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains($"removed instance-00000001 {_deletedLongAgo}; its XML is in ", run.Stdout);
        Assert.Equal(2, _folder.JournalLines.Count);
        Assert.All(_folder.JournalLines, line => Assert.True(File.Exists(JsonDocument.Parse(line).RootElement.GetProperty("xml").GetString())));
    }

    [Fact]
    public void Apply_and_undo_run_as_two_processes_on_libvirtd_define_the_removed_domain_again_from_its_saved_xml()
    {
        // The two processes act on the same hypervisor, as on a real host. Names of this test's own.
        string zombie = $"zombie-{_deletedLongAgo:N}";
        using LibvirtConnection libvirt = OnLibvirtd(out string uri, (_deletedLongAgo, zombie), (_live, $"live-{_live:N}"));
        try
        {
            CheckRun run = Dist.Run("stackfsck-remedy", ArgsOn(uri, "--apply"));

            Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
            Assert.Contains($"removed {zombie} {_deletedLongAgo}; its XML is in ", run.Stdout);
            Assert.Null(libvirt.Find(_deletedLongAgo));
            Assert.NotNull(libvirt.Find(_live));

            CheckRun undone = Dist.Run("stackfsck-remedy", "undo", _folder.Journal);

            Assert.Equal((0, ""), (undone.ExitCode, undone.Stderr));
            Assert.StartsWith("defined ", undone.Stdout);
            Assert.Equal((zombie, DomainState.ShutOff), (libvirt.Find(_deletedLongAgo)?.Name, libvirt.Find(_deletedLongAgo)?.State));
        }
        finally
        {
            foreach (Guid uuid in (Guid[])[_deletedLongAgo, _live])
            {
                if (libvirt.Find(uuid) is not null)
                {
                    libvirt.DestroyAndUndefine(uuid);
                }
            }
        }
    }

    [Fact]
    public void Zombies_with_a_managed_save_image_or_snapshots_are_left_alone_not_destroyed()
    {
        // libvirt refuses to undefine such a domain: judged before the destroy, so nothing is half done.
        string snapshotted = $"snap-{_deletedLongAgo:N}", saved = $"saved-{_deletedYesterday:N}";
        using LibvirtConnection libvirt = OnLibvirtd(out string uri, (_deletedLongAgo, snapshotted), (_deletedYesterday, saved));
        try
        {
            Virsh(uri, "snapshot-create-as", snapshotted, "before-delete");
            Virsh(uri, "start", saved);
            Virsh(uri, "managedsave", saved);

            CheckRun run = Dist.Run("stackfsck-remedy", ArgsOn(uri, "--apply"));

            Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
            Assert.Contains($"left-alone {snapshotted} {_deletedLongAgo}: it has 1 snapshot(s) (see virsh snapshot-list {snapshotted}); nothing was destroyed", run.Stdout);
            Assert.Contains($"left-alone {saved} {_deletedYesterday}: it has a managed save image (see virsh managedsave-remove {saved}); nothing was destroyed", run.Stdout);
            Assert.All(Zombies, uuid => Assert.NotNull(libvirt.Find(uuid)));
            Assert.Empty(Directory.Exists(_folder.Output) ? Directory.GetFiles(_folder.Output, "*.xml", SearchOption.AllDirectories) : []);
        }
        finally
        {
            foreach (string name in (string[])[snapshotted, saved])
            {
                Dist.RunProgram("virsh", ["-c", uri, "undefine", name, "--managed-save", "--snapshots-metadata"], new Dictionary<string, string?>());
            }
        }
    }

    /// <summary>
    /// The loopback libvirtd's test:///default with these shut-off domains defined. The daemon keeps its
    /// domains while one connection holds them: the one returned, so other processes see the same ones.
    /// </summary>
    private static LibvirtConnection OnLibvirtd(out string uri, params (Guid Uuid, string Name)[] domains)
    {
        uri = Repo.Service("STACKFSCK_LIBVIRT_REMOTE") + "/default";
        LibvirtConnection libvirt = LibvirtConnection.Open(uri, readOnly: false);
        foreach ((Guid uuid, string name) in domains)
        {
            libvirt.Define(TestHypervisor.DomainXml(new TestDomain(uuid, name, TestHypervisor.ShutOff)));
        }

        return libvirt;
    }

    private static void Virsh(string uri, params string[] args) =>
        Assert.Equal(0, Dist.RunProgram("virsh", ["-c", uri, .. args], new Dictionary<string, string?>()).ExitCode);

    [Fact]
    public void An_instance_restored_between_the_plan_and_the_act_keeps_its_domain()
    {
        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: false);
        using NovaCellReader nova = NovaCellReader.Open(Request(apply: true).Repair.Nova, Host, TimeSpan.FromSeconds(30), TextWriter.Null);
        DateTime cutoff = DateTime.UtcNow.AddHours(-1);
        ZombieDomainItem planned = Assert.Single(ZombieDomains.Plan(nova, libvirt, Host, cutoff), d => d.Uuid == _deletedLongAgo);

        _nova.Cell1.Execute($"UPDATE instances SET deleted = 0, deleted_at = NULL, vm_state = 'active' WHERE uuid = '{_deletedLongAgo}'");
        ZombieOutcome outcome = ZombieDomains.Act(planned, nova, libvirt, Host, cutoff, _folder.Output);

        Assert.Equal(("left-alone", null), (outcome.Outcome, outcome.SavedXml));
        Assert.Contains("vm_state active", outcome.Detail);
        Assert.NotNull(libvirt.Find(_deletedLongAgo));
    }

    [Fact]
    public void A_domain_gone_from_libvirt_between_the_plan_and_the_act_is_left_alone()
    {
        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: false);
        using NovaCellReader nova = NovaCellReader.Open(Request(apply: true).Repair.Nova, Host, TimeSpan.FromSeconds(30), TextWriter.Null);
        DateTime cutoff = DateTime.UtcNow.AddHours(-1);
        ZombieDomainItem planned = Assert.Single(ZombieDomains.Plan(nova, libvirt, Host, cutoff), d => d.Uuid == _deletedYesterday);

        libvirt.DestroyAndUndefine(_deletedYesterday);
        ZombieOutcome outcome = ZombieDomains.Act(planned, nova, libvirt, Host, cutoff, _folder.Output);

        Assert.Equal(("left-alone", "libvirt no longer defines it"), (outcome.Outcome, outcome.Detail));
        Assert.False(Directory.Exists(_folder.Output));
    }

    [Fact]
    public void More_zombies_than_max_refuses_the_run()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply", "--max", "1"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("stackfsck-remedy: refused: 2 domains is more than --max 1; nothing was destroyed\n", run.Stderr);
        Assert.Empty(_folder.JournalLines);

        using LibvirtConnection libvirt = LibvirtConnection.Open(_uri, readOnly: false);
        Assert.Equal(1, ZombieDomainRun.Execute(Request(apply: true, max: 1), libvirt, DateTimeOffset.UtcNow, TextWriter.Null, TextWriter.Null));
        Assert.All(Zombies, uuid => Assert.NotNull(libvirt.Find(uuid)));
    }

    public void Dispose()
    {
        _folder.Dispose();
        _nova.Dispose();
    }
}
