using System.CommandLine;
using System.Net;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.Remedy.Bookkeeping;
using StackFsck.Remedy.Handler;

namespace StackFsck.Remedy.Repairs.LeftoverDisk;

/// <summary>
/// <c>stackfsck-remedy leftover-disk</c>: plans from the instances path and the cell database,
/// prints the plan (a dry run changes nothing), and with <c>--apply</c> quarantines each item
/// after asking Nova again, journalling every act with how to undo it.
/// </summary>
public static class LeftoverDiskCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Option<string> instancesPath = new("--instances-path") { Description = "nova-compute's [DEFAULT]/instances_path", HelpName = "PATH", DefaultValueFactory = _ => "/var/lib/nova/instances" };
        Option<string> host = new("--host") { Description = "the compute host's name as Nova knows it (default: this machine's name)", HelpName = "NAME", DefaultValueFactory = _ => Dns.GetHostName() };
        Option<string> grace = new("--grace") { Description = "how long after Nova deleted an instance its directory may linger (seconds, or 90m, 2h, 1d), as the check's --grace", HelpName = "DURATION", DefaultValueFactory = _ => "1h" };
        Option<string> defaultsFile = new("--cell-defaults-file") { Description = "MySQL option file with the cell database's server and login", HelpName = "FILE" };
        Option<string> database = new("--cell-database") { Description = "the host's cell database (e.g. nova_cell1)", HelpName = "NAME", Required = true };
        Option<bool> apply = new("--apply") { Description = "move the directories; without it the plan is printed and nothing changes" };
        Option<int> max = new("--max") { Description = "refuse the run when the plan holds more directories than this", HelpName = "N", DefaultValueFactory = _ => 10 };
        Option<string> journal = new("--journal") { Description = "journal file, one JSON line per act with how to undo it", HelpName = "FILE", DefaultValueFactory = _ => Path.Combine(HandlerCommand.DefaultOutputDir, "journal.jsonl") };
        Option<double> timeout = new("--timeout", "-t") { Description = "seconds the whole run may take", HelpName = "SECONDS", DefaultValueFactory = _ => 60 };
        var command = new Command("leftover-disk", "move instance directories of deleted (past the grace) or unknown instances into INSTANCES/_quarantine/YYYY-MM-DD/; dry run unless --apply")
        {
            instancesPath, host, grace, defaultsFile, database, apply, max, journal, timeout,
        };
        command.SetAction(parse =>
        {
            var request = new LeftoverDiskRequest(
                parse.GetValue(instancesPath)!,
                parse.GetValue(host)!,
                ReadGrace(parse.GetValue(grace)!),
                new DatabaseSettings { Name = "cell database", DefaultsFile = parse.GetValue(defaultsFile), Database = parse.GetValue(database) },
                parse.GetValue(apply),
                HandlerCommand.Positive("--max", parse.GetValue(max)),
                parse.GetValue(journal)!,
                HandlerCommand.Seconds("--timeout", parse.GetValue(timeout)));
            return LeftoverDiskRun.Execute(request, DateTimeOffset.UtcNow, stdout, stderr);
        });
        return command;
    }

    private static TimeSpan ReadGrace(string text)
    {
        try
        {
            return Duration.Parse(text);
        }
        catch (FormatException error)
        {
            throw new UsageException($"--grace: {error.Message}");
        }
    }
}

/// <summary>The settings of one leftover-disk run.</summary>
internal sealed record LeftoverDiskRequest(
    string InstancesPath, string Host, TimeSpan Grace, DatabaseSettings Cell, bool Apply, int Max, string Journal, TimeSpan Timeout);

/// <summary>One leftover-disk run: the plan, the --max guard, then each act re-verified and journalled.</summary>
internal static class LeftoverDiskRun
{
    public static int Execute(LeftoverDiskRequest request, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        using NovaCellReader nova = NovaCellReader.Open(request.Cell, request.Timeout, stderr);
        DateTime cutoff = now.UtcDateTime - request.Grace;
        List<LeftoverDirectory> plan = LeftoverDisks.Plan(nova, request.InstancesPath, request.Host, cutoff);
        string quarantine = LeftoverDisks.Quarantine(request.InstancesPath, now);
        stdout.WriteLine($"leftover-disk: {plan.Count} instance director{(plan.Count == 1 ? "y" : "ies")} of {request.Host} to move into {quarantine}");
        foreach (LeftoverDirectory item in plan)
        {
            stdout.WriteLine($"  {item.Path} ({item.Why}, {item.Bytes} bytes)");
        }

        if (plan.Count > request.Max)
        {
            stderr.WriteLine($"{RemedyCli.Program}: refused: {plan.Count} directories is more than --max {request.Max}; nothing was moved");
            return RemedyExit.Refused;
        }

        if (!request.Apply)
        {
            stdout.WriteLine("dry run: nothing was moved; add --apply to move them");
            return RemedyExit.Done;
        }

        bool failed = false;
        foreach (LeftoverDirectory item in plan)
        {
            LeftoverOutcome outcome = LeftoverDisks.Act(item, nova, request.Host, cutoff, quarantine);
            stdout.WriteLine(outcome.MovedTo is string to ? $"moved {item.Path} to {to}" : $"{outcome.Outcome} {item.Path}: {outcome.Detail}");
            Journal.Append(request.Journal, Entry(outcome, request, DateTimeOffset.UtcNow));
            failed |= outcome.Outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }

    private static JournalEntry Entry(LeftoverOutcome outcome, LeftoverDiskRequest request, DateTimeOffset time)
    {
        List<KeyValuePair<string, string>> facts =
        [
            new("host", request.Host), new("uuid", outcome.Directory.Uuid.ToString()), new("from", outcome.Directory.Path), new("detail", outcome.Detail),
        ];
        if (outcome.MovedTo is string to)
        {
            facts.Add(new("to", to));
            facts.Add(new("undo", $"{RemedyCli.Program} undo {request.Journal}"));
        }

        return new JournalEntry(time, "leftover-disk", outcome.Outcome, facts, []);
    }
}
