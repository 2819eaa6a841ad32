using System.CommandLine;
using StackFsck.OpenStack.Iscsi;
using StackFsck.Remedy.Bookkeeping;
using StackFsck.Remedy.Handler;

namespace StackFsck.Remedy.Repairs.StaleIscsiSession;

/// <summary>
/// <c>stackfsck-remedy stale-iscsi-session</c>: plans from this host's sysfs and the cell database,
/// prints the plan (the iscsiadm logout of each session; a dry run changes nothing), and with
/// <c>--apply</c> logs each session out after reading sysfs and Nova again, journalling the login
/// that undoes it.
/// </summary>
public static class StaleIscsiSessionCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Option<string> sysfs = new("--iscsi-sysfs") { Description = "where the kernel lists this node's iSCSI sessions, as the check's --iscsi-sysfs", HelpName = "DIR", DefaultValueFactory = _ => IscsiSessions.DefaultDirectory };
        Option<string> iscsiadm = new("--iscsiadm") { Description = "the iscsiadm to log sessions out (and in again on undo) with", HelpName = "PATH", DefaultValueFactory = _ => "/usr/sbin/iscsiadm" };
        Option<string> instancesPath = new("--instances-path") { Description = "nova-compute's [DEFAULT]/instances_path: an instance with a directory here (migrating in) keeps its volumes' sessions", HelpName = "PATH", DefaultValueFactory = _ => "/var/lib/nova/instances" };
        Option<double> iscsiadmTimeout = new("--iscsiadm-timeout") { Description = "seconds one iscsiadm run may take before it is killed (a logout from a dead portal can wait)", HelpName = "SECONDS", DefaultValueFactory = _ => 30 };
        // Twice the other repairs' 60 s: the run may wait out --iscsiadm-timeout on more than one logout from
        // a dead portal, and a run ended by its deadline after a logout has not journalled that logout's undo.
        var repair = new RepairOptions("log the sessions out", "sessions", timeout: 120);
        var command = new Command("stale-iscsi-session", "log out iSCSI sessions of this host whose target belongs to no volume attached here; dry run unless --apply")
        {
            sysfs, iscsiadm, instancesPath, iscsiadmTimeout,
        };
        repair.AddTo(command);

        command.SetAction(parse =>
        {
            RepairSettings settings = repair.Read(parse);
            var request = new StaleIscsiRequest(
                new IscsiHost(parse.GetValue(sysfs)!, parse.GetValue(instancesPath)!, settings.Host),
                new Iscsiadm(parse.GetValue(iscsiadm)!, HandlerCommand.Seconds("--iscsiadm-timeout", parse.GetValue(iscsiadmTimeout))),
                settings);
            return StaleIscsiRun.Execute(request, stdout, stderr);
        });
        return command;
    }
}

/// <summary>The settings of one stale-iscsi-session run.</summary>
internal sealed record StaleIscsiRequest(IscsiHost Host, Iscsiadm Iscsiadm, RepairSettings Repair);

/// <summary>One stale-iscsi-session run: the plan, the --max guard, no --apply while anything is not judged, then each logout re-verified and journalled.</summary>
internal static class StaleIscsiRun
{
    public static int Execute(StaleIscsiRequest request, TextWriter stdout, TextWriter stderr)
    {
        RepairSettings repair = request.Repair;
        using NovaCellReader nova = NovaCellReader.Open(repair.Nova, request.Host.Name, repair.Timeout, stderr);
        IscsiAudit audit = StaleIscsiSessions.Audit(nova, request.Host);
        stdout.WriteLine($"stale-iscsi-session: {audit.Stale.Count} of {audit.Sessions} iSCSI sessions of {request.Host.Name} to log out (their target belongs to no volume attached here)");
        foreach (IscsiSession session in audit.Stale)
        {
            stdout.WriteLine($"  {session.Name} {session.Target} at {session.Portal ?? "an unknown portal"}: {string.Join(' ', request.Iscsiadm.LogoutCommand(session))}");
        }

        foreach (string line in audit.Unjudged)
        {
            stdout.WriteLine($"  not judged: {line}");
        }

        if (RepairGuard.Stop(audit.Stale.Count, repair, "sessions", "logged out", stdout, stderr, apply: "log them out") is int stop)
        {
            return stop;
        }

        // A session or volume that could not be judged may be what keeps a planned session in use:
        // acting while part of the host is unverified is acting on what was not verified.
        if (audit.Unjudged.Count > 0)
        {
            stderr.WriteLine($"{RemedyCli.Program}: refused: {audit.Unjudged.Count} of the iSCSI sessions and volumes of {request.Host.Name} could not be judged (the plan's \"not judged\" lines); nothing was logged out");
            return RemedyExit.Refused;
        }

        bool failed = false;
        foreach (IscsiSession session in audit.Stale)
        {
            IscsiOutcome outcome = StaleIscsiSessions.Act(session, nova, request.Host, request.Iscsiadm);
            stdout.WriteLine($"{outcome.Outcome} {session.Name}: {outcome.Detail}");
            Journal.Append(repair.Journal, Entry(outcome, request, DateTimeOffset.UtcNow));
            failed |= outcome.Outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }

    private static JournalEntry Entry(IscsiOutcome outcome, StaleIscsiRequest request, DateTimeOffset time)
    {
        IscsiSession session = outcome.Session;
        List<KeyValuePair<string, string>> facts =
        [
            new("host", request.Host.Name), new("session", session.Name), new("target", session.Target ?? ""), new("portal", session.Portal ?? ""),
            new("sysfs", request.Host.Sysfs), new("iscsiadm", request.Iscsiadm.Path), new("detail", outcome.Detail),
        ];
        if (outcome.Outcome == IscsiOutcome.LoggedOut)
        {
            facts.Add(new("undo", string.Join(' ', request.Iscsiadm.LoginCommand(session.Target!, session.Portal))));
        }

        return new JournalEntry(time, StaleIscsiSessions.Action, outcome.Outcome, facts, []);
    }
}
