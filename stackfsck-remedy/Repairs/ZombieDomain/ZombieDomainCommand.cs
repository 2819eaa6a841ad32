using System.CommandLine;
using StackFsck.Libvirt;
using StackFsck.Remedy.Bookkeeping;
using StackFsck.Remedy.Handler;
using StackFsck.Remedy.Running;

namespace StackFsck.Remedy.Repairs.ZombieDomain;

/// <summary>
/// <c>stackfsck-remedy zombie-domain</c>: plans from libvirt's domains and the cell database, prints
/// the plan (a dry run changes nothing and connects read-only), and with <c>--apply</c> removes each
/// zombie after asking Nova and libvirt again, its XML saved and the act journalled with the undo.
/// </summary>
public static class ZombieDomainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Option<string> libvirtUri = RepairOptions.LibvirtUri();
        Option<string> grace = RepairOptions.Grace();
        Option<string> outputDir = new("--output-dir") { Description = "where the XML of each removed domain is kept, in zombie-domain/TIME-HOST/UUID.xml (never trimmed: the undo needs it)", HelpName = "DIR", DefaultValueFactory = _ => HandlerCommand.DefaultOutputDir };
        var repair = new RepairOptions("destroy and undefine the domains, each one's XML saved first", "domains");
        var command = new Command("zombie-domain", "destroy and undefine domains whose instance Nova deleted before the grace, after saving their XML; dry run unless --apply")
        {
            libvirtUri, grace, outputDir,
        };
        repair.AddTo(command);

        command.SetAction(parse =>
        {
            var request = new ZombieDomainRequest(parse.GetValue(libvirtUri)!, parse.GetValue(outputDir)!, RepairOptions.ReadGrace(parse, grace), repair.Read(parse));
            using LibvirtConnection libvirt = LibvirtConnection.Open(request.LibvirtUri, readOnly: !request.Repair.Apply);
            return ZombieDomainRun.Execute(request, libvirt, DateTimeOffset.UtcNow, stdout, stderr);
        });
        return command;
    }
}

/// <summary>The settings of one zombie-domain run.</summary>
internal sealed record ZombieDomainRequest(string LibvirtUri, string OutputDir, TimeSpan Grace, RepairSettings Repair);

/// <summary>One zombie-domain run on an open connection: the plan, the guard, then each act re-verified and journalled.</summary>
internal static class ZombieDomainRun
{
    public const string Action = "zombie-domain";

    public static int Execute(ZombieDomainRequest request, LibvirtConnection libvirt, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        RepairSettings repair = request.Repair;
        using NovaCellReader nova = NovaCellReader.Open(repair.Nova, repair.Host, repair.Timeout, stderr);
        DateTime cutoff = now.UtcDateTime - request.Grace;
        List<ZombieDomainItem> plan = ZombieDomains.Plan(nova, libvirt, repair.Host, cutoff);
        stdout.WriteLine($"zombie-domain: {plan.Count} domain{(plan.Count == 1 ? "" : "s")} of {repair.Host} on {libvirt.Uri} to destroy and undefine");
        foreach (ZombieDomainItem item in plan)
        {
            stdout.WriteLine($"  {item.Name} {item.Uuid} ({item.State.Word()}, {item.Why})");
        }

        if (RepairGuard.Stop(plan.Count, repair, "domains", "destroyed", stdout, stderr) is int stop)
        {
            return stop;
        }

        if (plan.Count == 0)
        {
            return RemedyExit.Done;
        }

        // Saved XML is what the undo defines again: its folder is never trimmed.
        string folder = RunFolder.Create(request.OutputDir, Action, now, repair.Host, keep: int.MaxValue);
        bool failed = false;
        foreach (ZombieDomainItem item in plan)
        {
            ZombieOutcome outcome = ZombieDomains.Act(item, nova, libvirt, repair.Host, cutoff, folder);
            stdout.WriteLine(outcome.Outcome == "removed"
                ? $"removed {item.Name} {item.Uuid}; its XML is in {outcome.SavedXml}"
                : $"{outcome.Outcome} {item.Name} {item.Uuid}: {outcome.Detail}");
            Journal.Append(repair.Journal, Entry(outcome, libvirt.Uri, repair, DateTimeOffset.UtcNow));
            failed |= outcome.Outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }

    private static JournalEntry Entry(ZombieOutcome outcome, string uri, RepairSettings repair, DateTimeOffset time)
    {
        List<KeyValuePair<string, string>> facts =
        [
            new("host", repair.Host), new("uuid", outcome.Domain.Uuid.ToString()), new("domain", outcome.Domain.Name), new("uri", uri), new("detail", outcome.Detail),
        ];
        if (outcome.SavedXml is string xml)
        {
            facts.Add(new("xml", xml));
        }

        if (outcome.Outcome == "removed")
        {
            facts.Add(new("undo", $"{RemedyCli.Program} undo {repair.Journal}"));
        }

        return new JournalEntry(time, Action, outcome.Outcome, facts, outcome.SavedXml is string saved ? [saved] : []);
    }
}
