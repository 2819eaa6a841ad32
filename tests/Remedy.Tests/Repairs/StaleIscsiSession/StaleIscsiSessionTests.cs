using System.Text.Json;
using StackFsck.OpenStack.Iscsi;
using StackFsck.Plugin.Database;
using StackFsck.Remedy.Repairs;
using StackFsck.Remedy.Repairs.StaleIscsiSession;

namespace StackFsck.Remedy.Tests.Repairs.StaleIscsiSession;

/// <summary>
/// stale-iscsi-session on a sysfs tree laid out as the kernel's and Nova databases nova-manage made,
/// the cell database given directly or the host's cell found through nova_api as the check finds it.
/// iscsiadm is a stand-in (a shell script that records its arguments and does to the sysfs tree what
/// a logout and a login would): this container has no iscsi_tcp module, so no real session can exist
/// to log out. The real iscsiadm is still asked whether it accepts the commands the plan and the
/// journal print. The race runs in-process, so the test can attach a volume between plan and act.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StaleIscsiSessionTests : IDisposable
{
    private const string Host = "cmp007";
    private const string Portal = "192.0.2.10:3260";
    private readonly NovaDatabases _nova = new("iscsi");
    private readonly RemedyFolder _folder = new();
    private readonly IscsiSysfs _sysfs = new();
    private readonly Guid _live = Guid.NewGuid(), _deleted = Guid.NewGuid(), _migrating = Guid.NewGuid();
    private readonly string _used, _ofDeleted, _unknown, _migratingIn;

    public StaleIscsiSessionTests()
    {
        _nova.Api.GrantSelectOn(_nova.Cell1);
        _nova.Api.Execute($"INSERT INTO host_mappings (cell_id, host) SELECT id, '{Host}' FROM cell_mappings WHERE name = 'cell1'");
        Cell.Execute("INSERT INTO instances (uuid, host, deleted, deleted_at, vm_state, task_state) VALUES " +
            $"('{_live}', '{Host}', 0, NULL, 'active', NULL), " +
            $"('{_deleted}', '{Host}', 1, UTC_TIMESTAMP() - INTERVAL 3 HOUR, 'deleted', NULL), " +
            $"('{_migrating}', 'cmp008', 0, NULL, 'active', 'migrating'); UPDATE instances SET deleted = id WHERE deleted = 1");
        Attach(_live, "used");
        Attach(_deleted, "of-deleted");
        Attach(_migrating, "migrating-in");
        // The instance migrating in has its directory here already; its host in Nova is still the source.
        Directory.CreateDirectory(Path.Combine(Instances, _migrating.ToString()));
        _used = _sysfs.Add(Iqn("used"), "192.0.2.10");
        _ofDeleted = _sysfs.Add(Iqn("of-deleted"), "192.0.2.10");
        _unknown = _sysfs.Add(Iqn("unknown"), "192.0.2.10");
        _migratingIn = _sysfs.Add(Iqn("migrating-in"), "192.0.2.10");
        File.WriteAllText(Iscsiadm, $$"""
            #!/bin/sh
            # Stand-in for iscsiadm (no real iSCSI session can exist here): records its arguments, and
            # does to the sysfs tree what the kernel does on a logout (the session goes) or a login (one comes).
            echo "$*" >> {{Argv}}
            case "$*" in
                "-m session -r "*" -u") rm -r "{{_sysfs.Sessions}}/session$4" && echo "Logout of [sid: $4] successful." ;;
                "-m node -T "*" --login") dir="{{_sysfs.Sessions}}/session$((100 + $(ls "{{_sysfs.Sessions}}" | wc -l)))"
                    mkdir "$dir" && echo "$4" > "$dir/targetname" && echo "Login to [iface: default, target: $4] successful." ;;
                *) echo "iscsiadm stand-in: unexpected arguments" >&2; exit 7 ;;
            esac
            """);
        File.SetUnixFileMode(Iscsiadm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private ScratchDatabase Cell => _nova.Cell1;

    private string Instances => Path.Combine(_folder.Root, "instances");

    private string Iscsiadm => _folder.Marker("iscsiadm");

    private string Argv => _folder.Marker("iscsiadm.argv");

    /// <summary>What the stand-in was asked to do, one run a line.</summary>
    private string[] Asked => File.Exists(Argv) ? File.ReadAllLines(Argv) : [];

    private string[] Sessions => [.. IscsiSessions.Read(_sysfs.Sessions).Select(s => s.Name)];

    private string[] Args(params string[] extra) => ArgsFinding(["--cell-defaults-file", Cell.ReadOnly, "--cell-database", Cell.Name], extra);

    /// <param name="nova">where the cell database is: given directly, or found through nova_api.</param>
    private string[] ArgsFinding(string[] nova, params string[] extra) =>
    [
        "stale-iscsi-session", "--iscsi-sysfs", _sysfs.Sessions, "--iscsiadm", Iscsiadm, "--instances-path", Instances, "--host", Host,
        .. nova, "--journal", _folder.Journal, .. extra,
    ];

    private IscsiHost ThisHost => new(_sysfs.Sessions, Instances, Host);

    private Iscsiadm Logouts => new(Iscsiadm, TimeSpan.FromSeconds(30));

    /// <summary>The host's cell database, given directly, as the in-process act tests read it.</summary>
    private NovaCellReader OpenCell() => NovaCellReader.Open(
        new NovaDatabaseSettings(new DatabaseSettings(), new DatabaseSettings { DefaultsFile = Cell.ReadOnly, Database = Cell.Name }, null),
        Host, TimeSpan.FromSeconds(30), TextWriter.Null);

    [Fact]
    public void A_dry_run_prints_the_logout_of_each_stale_session_which_iscsiadm_accepts_and_changes_nothing()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args());

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        string[] lines = run.Stdout.Split('\n');
        Assert.Equal($"stale-iscsi-session: 2 of 4 iSCSI sessions of {Host} to log out (their target belongs to no volume attached here)", lines[0]);
        Assert.Equal($"  {_ofDeleted} {Iqn("of-deleted")} at {Portal}: {Iscsiadm} -m session -r {Id(_ofDeleted)} -u", lines[1]);
        Assert.Equal($"  {_unknown} {Iqn("unknown")} at {Portal}: {Iscsiadm} -m session -r {Id(_unknown)} -u", lines[2]);
        Assert.Equal("dry run: nothing was logged out; add --apply to log them out", lines[3]);
        Assert.Empty(Asked);
        Assert.Equal(4, Sessions.Length);
        Assert.Empty(_folder.JournalLines);
        // The real iscsiadm parses the printed logout and looks for the session in this machine's /sys,
        // which has none (exit 21 or 22); a command it refuses would exit 7.
        CheckRun real = Dist.RunProgram("/usr/sbin/iscsiadm", lines[1][(lines[1].IndexOf(Iscsiadm, StringComparison.Ordinal) + Iscsiadm.Length + 1)..].Split(' '),
            new Dictionary<string, string?>());
        Assert.True(real.ExitCode is 21 or 22, real.ToString());
    }

    [Fact]
    public void Apply_logs_out_exactly_the_stale_sessions_and_undo_logs_them_in_again_once()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply"));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal([$"-m session -r {Id(_ofDeleted)} -u", $"-m session -r {Id(_unknown)} -u"], Asked);
        Assert.Equal([_used, _migratingIn], Sessions.Order(StringComparer.Ordinal));
        JsonElement[] journal = _folder.JournalLines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(2, journal.Length);
        Assert.All(journal, entry => Assert.Equal(("stale-iscsi-session", "logged-out"), (entry.GetProperty("action").GetString(), entry.GetProperty("outcome").GetString())));
        string undo = journal[1].GetProperty("undo").GetString()!;
        Assert.Equal($"{Iscsiadm} -m node -T {Iqn("unknown")} -p {Portal} --login", undo);
        // The real iscsiadm parses the journal's login and finds no node record for it here (exit 21).
        CheckRun real = Dist.RunProgram("/usr/sbin/iscsiadm", undo.Split(' ')[1..], new Dictionary<string, string?>());
        Assert.True(real.ExitCode == 21, real.ToString());

        CheckRun undone = Dist.Run("stackfsck-remedy", "undo", _folder.Journal);

        Assert.Equal((0, ""), (undone.ExitCode, undone.Stderr));
        Assert.Equal(undo, Iscsiadm + " " + Asked[2]);
        Assert.Equal($"-m node -T {Iqn("of-deleted")} -p {Portal} --login", Asked[3]);
        Assert.Equal(4, Sessions.Length);
        CheckRun again = Dist.Run("stackfsck-remedy", "undo", _folder.Journal);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(4, Asked.Length);
        Assert.DoesNotContain("logged-in", again.Stdout);
    }

    [Fact]
    public void Apply_with_the_cell_looked_up_in_nova_api_logs_out_the_same_stale_sessions()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", ArgsFinding(["--api-defaults-file", _nova.Api.ReadOnly, "--api-database", _nova.Api.Name], "--apply"));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.StartsWith($"stale-iscsi-session: 2 of 4 iSCSI sessions of {Host} to log out", run.Stdout);
        Assert.Equal([$"-m session -r {Id(_ofDeleted)} -u", $"-m session -r {Id(_unknown)} -u"], Asked);
        Assert.Equal([_used, _migratingIn], Sessions.Order(StringComparer.Ordinal));
        Assert.Equal(2, _folder.JournalLines.Count);
    }

    [Fact]
    public void More_stale_sessions_than_max_refuses_the_run_and_logs_nothing_out()
    {
        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply", "--max", "1"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("stackfsck-remedy: refused: 2 sessions is more than --max 1; nothing was logged out\n", run.Stderr);
        Assert.Empty(Asked);
        Assert.Empty(_folder.JournalLines);
    }

    [Fact]
    public void Apply_is_refused_while_a_session_of_the_host_cannot_be_judged_and_the_dry_run_still_prints_the_plan()
    {
        // A session the kernel is tearing down shows no target: it may be the one a planned session's volume moved to.
        string torn = _sysfs.Add(Iqn("being-torn-down"), "192.0.2.10");
        File.Delete(Path.Combine(_sysfs.Sessions, torn, "targetname"));

        CheckRun run = Dist.Run("stackfsck-remedy", Args("--apply"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"stackfsck-remedy: refused: 1 of the iSCSI sessions and volumes of {Host} could not be judged (the plan's \"not judged\" lines); nothing was logged out\n", run.Stderr);
        Assert.Contains($"  not judged: {torn} shows no target (being torn down?)", run.Stdout);
        Assert.Empty(Asked);
        Assert.Empty(_folder.JournalLines);
        Assert.Equal(5, Sessions.Length);

        CheckRun dry = Dist.Run("stackfsck-remedy", Args());

        Assert.Equal((0, ""), (dry.ExitCode, dry.Stderr));
        Assert.Equal([
            $"stale-iscsi-session: 2 of 5 iSCSI sessions of {Host} to log out (their target belongs to no volume attached here)",
            $"  {_ofDeleted} {Iqn("of-deleted")} at {Portal}: {Iscsiadm} -m session -r {Id(_ofDeleted)} -u",
            $"  {_unknown} {Iqn("unknown")} at {Portal}: {Iscsiadm} -m session -r {Id(_unknown)} -u",
            $"  not judged: {torn} shows no target (being torn down?)",
            "dry run: nothing was logged out; add --apply to log them out",
        ], dry.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Empty(Asked);
    }

    [Fact]
    public void A_session_is_left_alone_when_a_volume_of_the_host_cannot_be_judged_at_the_act()
    {
        using NovaCellReader nova = OpenCell();
        IscsiHost host = ThisHost;
        IscsiSession planned = Assert.Single(StaleIscsiSessions.Audit(nova, host).Stale, s => s.Name == _unknown);

        Cell.Execute("INSERT INTO block_device_mapping (instance_uuid, volume_id, device_name, source_type, destination_type, connection_info, deleted, uuid) " +
            $"VALUES ('{_live}', UUID(), '/dev/vdc', 'volume', 'volume', NULL, 0, UUID())");
        IscsiOutcome outcome = StaleIscsiSessions.Act(planned, nova, host, Logouts);

        Assert.Equal("left-alone", outcome.Outcome);
        Assert.StartsWith("part of the host cannot be judged now: volume ", outcome.Detail);
        Assert.EndsWith("has no connection_info: its iSCSI target cannot be told", outcome.Detail);
        Assert.Empty(Asked);
        Assert.Contains(_unknown, Sessions);
    }

    [Fact]
    public void A_session_whose_target_is_attached_here_between_the_plan_and_the_act_is_left_alone()
    {
        using NovaCellReader nova = OpenCell();
        IscsiHost host = ThisHost;
        IscsiSession planned = Assert.Single(StaleIscsiSessions.Audit(nova, host).Stale, s => s.Name == _unknown);

        Attach(_live, "unknown");
        IscsiOutcome outcome = StaleIscsiSessions.Act(planned, nova, host, Logouts);

        Assert.Equal(("left-alone", "a volume attached here uses its target now"), (outcome.Outcome, outcome.Detail));
        Assert.Empty(Asked);
        Assert.Contains(_unknown, Sessions);
    }

    [Fact]
    public void A_session_gone_between_the_plan_and_the_act_is_left_alone()
    {
        using NovaCellReader nova = OpenCell();
        IscsiHost host = ThisHost;
        IscsiSession planned = Assert.Single(StaleIscsiSessions.Audit(nova, host).Stale, s => s.Name == _ofDeleted);

        Directory.Delete(Path.Combine(_sysfs.Sessions, _ofDeleted), recursive: true);
        IscsiOutcome outcome = StaleIscsiSessions.Act(planned, nova, host, Logouts);

        Assert.Equal("left-alone", outcome.Outcome);
        Assert.StartsWith("no longer logged in as planned", outcome.Detail);
        Assert.Empty(Asked);
    }

    public void Dispose()
    {
        _sysfs.Dispose();
        _folder.Dispose();
        _nova.Dispose();
    }

    private static string Iqn(string name) => $"iqn.2010-10.org.openstack:volume-{name}";

    private static string Id(string session) => session["session".Length..];

    /// <summary>A live block_device_mapping of an LVM/iSCSI volume, connection_info as Nova stores it.</summary>
    private void Attach(Guid instance, string volume)
    {
        string info = $$$"""{"driver_volume_type": "iscsi", "data": {"target_iqn": "{{{Iqn(volume)}}}", "target_portal": "{{{Portal}}}", "target_lun": 1}}""";
        Cell.Execute("INSERT INTO block_device_mapping (instance_uuid, volume_id, device_name, source_type, destination_type, connection_info, deleted, uuid) " +
            $"VALUES ('{instance}', UUID(), '/dev/vdb', 'volume', 'volume', '{info}', 0, UUID())");
    }
}
