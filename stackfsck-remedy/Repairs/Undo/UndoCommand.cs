using System.CommandLine;
using System.Text.Json;
using StackFsck.Remedy.Bookkeeping;
using StackFsck.Remedy.Repairs.StaleIscsiSession;

namespace StackFsck.Remedy.Repairs.Undo;

/// <summary>
/// <c>stackfsck-remedy undo JOURNAL</c>: replays the journal's repairs backwards, newest first.
/// Each step checks first, so running undo twice, or after an operator already put something back
/// by hand, moves nothing twice, overwrites nothing and logs no session in twice.
/// </summary>
public static class UndoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Argument<string> journal = new("JOURNAL") { Description = "the journal a repair wrote (its --journal)" };
        var command = new Command("undo", "undo the repairs a journal records: quarantined directories go back where they were, logged-out iSCSI sessions are logged in again") { journal };
        command.SetAction(parse => Execute(parse.GetValue(journal)!, stdout));
        return command;
    }

    private static int Execute(string journal, TextWriter stdout)
    {
        if (!File.Exists(journal))
        {
            throw new UsageException($"no journal at {journal}");
        }

        bool failed = false;
        foreach (UndoStep step in Enumerable.Reverse(Steps(journal)))
        {
            (string outcome, string detail) = step.Run();
            stdout.WriteLine($"{outcome} {step.Subject}: {detail}");
            Journal.Append(journal, new JournalEntry(DateTimeOffset.UtcNow, "undo", outcome, [.. step.Facts, new("detail", detail)], []));
            failed |= outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }

    /// <summary>The acts the journal records that can be undone: directories leftover-disk moved, sessions stale-iscsi-session logged out.</summary>
    private static List<UndoStep> Steps(string journal)
    {
        var steps = new List<UndoStep>();
        foreach (string line in File.ReadLines(journal).Where(line => line.Length > 0))
        {
            using JsonDocument entry = JsonDocument.Parse(line);
            JsonElement root = entry.RootElement;
            string? action = Text(root, "action"), outcome = Text(root, "outcome");
            if (action == "leftover-disk" && outcome == "moved" && Text(root, "from") is string from && Text(root, "to") is string to)
            {
                steps.Add(new QuarantineMove(from, to));
            }
            else if (action == StaleIscsiSessions.Action && outcome == IscsiOutcome.LoggedOut && Text(root, "target") is { Length: > 0 } target
                && Text(root, "sysfs") is string sysfs && Text(root, "iscsiadm") is string iscsiadm)
            {
                steps.Add(new IscsiLogin(target, Text(root, "portal") is { Length: > 0 } portal ? portal : null, sysfs, iscsiadm));
            }
        }

        return steps;
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
