using System.CommandLine;
using StackFsck.Libvirt;
using StackFsck.Remedy.Bookkeeping;

namespace StackFsck.Remedy.Repairs.LeftoverDisk;

/// <summary>
/// <c>stackfsck-remedy leftover-disk</c>: plans from the instances path, the cell database and the
/// hypervisor's domains, prints the plan (a dry run changes nothing), and with <c>--apply</c> quarantines
/// each item after asking Nova and libvirt again, journalling every act with how to undo it.
/// The hypervisor is only read: a directory whose domain is defined is kept (zombie-domain removes that domain first).
/// </summary>
public static class LeftoverDiskCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Option<string> instancesPath = new("--instances-path") { Description = "nova-compute's [DEFAULT]/instances_path", HelpName = "PATH", DefaultValueFactory = _ => "/var/lib/nova/instances" };
        Option<string> libvirtUri = RepairOptions.LibvirtUri();
        Option<string> grace = RepairOptions.Grace();
        var repair = new RepairOptions("move the directories", "directories");
        var command = new Command("leftover-disk", "move instance directories of deleted (past the grace) or unknown instances into INSTANCES/_quarantine/YYYY-MM-DD/; dry run unless --apply")
        {
            instancesPath, libvirtUri, grace,
        };
        repair.AddTo(command);

        command.SetAction(parse =>
        {
            using LibvirtConnection libvirt = LibvirtConnection.Open(parse.GetValue(libvirtUri)!, readOnly: true);
            return LeftoverDiskRun.Execute(new LeftoverDiskRequest(parse.GetValue(instancesPath)!, RepairOptions.ReadGrace(parse, grace), repair.Read(parse)), libvirt, DateTimeOffset.UtcNow, stdout, stderr);
        });
        return command;
    }
}

/// <summary>The settings of one leftover-disk run.</summary>
internal sealed record LeftoverDiskRequest(string InstancesPath, TimeSpan Grace, RepairSettings Repair);

/// <summary>One leftover-disk run on an open connection: the plan, the --max guard, then each act re-verified and journalled.</summary>
internal static class LeftoverDiskRun
{
    public static int Execute(LeftoverDiskRequest request, LibvirtConnection libvirt, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        RepairSettings repair = request.Repair;
        using NovaCellReader nova = NovaCellReader.Open(repair.Nova, repair.Host, repair.Timeout, stderr);
        DateTime cutoff = now.UtcDateTime - request.Grace;
        List<LeftoverDirectory> leftovers = LeftoverDisks.Plan(nova, libvirt, request.InstancesPath, repair.Host, cutoff);
        List<LeftoverDirectory> plan = leftovers.Where(d => d.Domain is null).ToList();
        string quarantine = LeftoverDisks.Quarantine(request.InstancesPath, now);
        stdout.WriteLine($"leftover-disk: {plan.Count} instance director{(plan.Count == 1 ? "y" : "ies")} of {repair.Host} to move into {quarantine}");
        foreach (LeftoverDirectory item in plan)
        {
            stdout.WriteLine($"  {item.Path} ({item.Why}, {item.Bytes} bytes)");
        }

        foreach (LeftoverDirectory kept in leftovers.Where(d => d.Domain is not null))
        {
            stdout.WriteLine($"kept {kept.Path} ({kept.Why}): libvirt defines its domain {kept.Domain}; zombie-domain removes that first");
        }

        if (RepairGuard.Stop(plan.Count, repair, "directories", "moved", stdout, stderr) is int stop)
        {
            return stop;
        }

        bool failed = false;
        foreach (LeftoverDirectory item in plan)
        {
            LeftoverOutcome outcome = LeftoverDisks.Act(item, nova, libvirt, repair.Host, cutoff, quarantine);
            stdout.WriteLine(outcome.MovedTo is string to ? $"moved {item.Path} to {to}" : $"{outcome.Outcome} {item.Path}: {outcome.Detail}");
            Journal.Append(repair.Journal, Entry(outcome, repair, DateTimeOffset.UtcNow));
            failed |= outcome.Outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }

    private static JournalEntry Entry(LeftoverOutcome outcome, RepairSettings repair, DateTimeOffset time)
    {
        List<KeyValuePair<string, string>> facts =
        [
            new("host", repair.Host), new("uuid", outcome.Directory.Uuid.ToString()), new("from", outcome.Directory.Path), new("detail", outcome.Detail),
        ];
        if (outcome.MovedTo is string to)
        {
            facts.Add(new("to", to));
            facts.Add(new("undo", $"{RemedyCli.Program} undo {repair.Journal}"));
        }

        return new JournalEntry(time, "leftover-disk", outcome.Outcome, facts, []);
    }
}
