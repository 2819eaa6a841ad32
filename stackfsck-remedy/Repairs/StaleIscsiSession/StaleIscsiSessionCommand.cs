using System.CommandLine;
using System.Net;
using StackFsck.OpenStack.Iscsi;
using StackFsck.Plugin.Database;
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
        Option<string> host = new("--host") { Description = "the compute host's name as Nova knows it (default: this machine's name)", HelpName = "NAME", DefaultValueFactory = _ => Dns.GetHostName() };
        Option<string> defaultsFile = new("--cell-defaults-file") { Description = "MySQL option file with the cell database's server and login", HelpName = "FILE" };
        Option<string> database = new("--cell-database") { Description = "the host's cell database (e.g. nova_cell1)", HelpName = "NAME", Required = true };
        Option<bool> apply = new("--apply") { Description = "log the sessions out; without it the plan is printed and nothing changes" };
        Option<int> max = new("--max") { Description = "refuse the run when the plan holds more sessions than this", HelpName = "N", DefaultValueFactory = _ => 10 };
        Option<string> journal = new("--journal") { Description = "journal file, one JSON line per act with how to undo it", HelpName = "FILE", DefaultValueFactory = _ => Path.Combine(HandlerCommand.DefaultOutputDir, "journal.jsonl") };
        Option<double> iscsiadmTimeout = new("--iscsiadm-timeout") { Description = "seconds one iscsiadm run may take before it is killed (a logout from a dead portal can wait)", HelpName = "SECONDS", DefaultValueFactory = _ => 30 };
        Option<double> timeout = new("--timeout", "-t") { Description = "seconds the whole run may take", HelpName = "SECONDS", DefaultValueFactory = _ => 120 };
        var command = new Command("stale-iscsi-session", "log out iSCSI sessions of this host whose target belongs to no volume attached here; dry run unless --apply")
        {
            sysfs, iscsiadm, instancesPath, host, defaultsFile, database, apply, max, journal, iscsiadmTimeout, timeout,
        };
        command.SetAction(parse =>
        {
            var request = new StaleIscsiRequest(
                new IscsiHost(parse.GetValue(sysfs)!, parse.GetValue(instancesPath)!, parse.GetValue(host)!),
                new Iscsiadm(parse.GetValue(iscsiadm)!, HandlerCommand.Seconds("--iscsiadm-timeout", parse.GetValue(iscsiadmTimeout))),
                new NovaDatabaseSettings(new DatabaseSettings { Name = "nova_api database" },
                    new DatabaseSettings { Name = "cell database", DefaultsFile = parse.GetValue(defaultsFile), Database = parse.GetValue(database) }, null),
                parse.GetValue(apply),
                HandlerCommand.Positive("--max", parse.GetValue(max)),
                parse.GetValue(journal)!,
                HandlerCommand.Seconds("--timeout", parse.GetValue(timeout)));
            return StaleIscsiRun.Execute(request, stdout, stderr);
        });
        return command;
    }
}

/// <summary>The settings of one stale-iscsi-session run.</summary>
internal sealed record StaleIscsiRequest(IscsiHost Host, Iscsiadm Iscsiadm, NovaDatabaseSettings Nova, bool Apply, int Max, string Journal, TimeSpan Timeout);

/// <summary>One stale-iscsi-session run: the plan, the --max guard, then each logout re-verified and journalled.</summary>
internal static class StaleIscsiRun
{
    public static int Execute(StaleIscsiRequest request, TextWriter stdout, TextWriter stderr)
    {
        using NovaCellReader nova = NovaCellReader.Open(request.Nova, request.Host.Name, request.Timeout, stderr);
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

        if (audit.Stale.Count > request.Max)
        {
            stderr.WriteLine($"{RemedyCli.Program}: refused: {audit.Stale.Count} sessions is more than --max {request.Max}; nothing was logged out");
            return RemedyExit.Refused;
        }

        if (!request.Apply)
        {
            stdout.WriteLine("dry run: nothing was logged out; add --apply to log them out");
            return RemedyExit.Done;
        }

        bool failed = false;
        foreach (IscsiSession session in audit.Stale)
        {
            IscsiOutcome outcome = StaleIscsiSessions.Act(session, nova, request.Host, request.Iscsiadm);
            stdout.WriteLine($"{outcome.Outcome} {session.Name}: {outcome.Detail}");
            Journal.Append(request.Journal, Entry(outcome, request, DateTimeOffset.UtcNow));
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
