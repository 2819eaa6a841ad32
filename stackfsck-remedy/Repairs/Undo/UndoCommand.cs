using System.CommandLine;
using System.Text.Json;
using StackFsck.Remedy.Bookkeeping;

namespace StackFsck.Remedy.Repairs.Undo;

/// <summary>
/// <c>stackfsck-remedy undo JOURNAL</c>: replays the journal's repairs backwards, newest first.
/// Each step checks the file system first, so running undo twice, or after an operator already
/// put something back by hand, moves nothing twice and overwrites nothing.
/// </summary>
public static class UndoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Argument<string> journal = new("JOURNAL") { Description = "the journal a repair wrote (its --journal)" };
        var command = new Command("undo", "undo the repairs a journal records: quarantined directories go back where they were") { journal };
        command.SetAction(parse => Execute(parse.GetValue(journal)!, stdout, stderr));
        return command;
    }

    private static int Execute(string journal, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(journal))
        {
            throw new UsageException($"no journal at {journal}");
        }

        bool failed = false;
        foreach ((string from, string to) in Enumerable.Reverse(Moves(journal)))
        {
            string outcome = MoveBack(from, to, out string detail);
            stdout.WriteLine($"{outcome} {to}: {detail}");
            Journal.Append(journal, new JournalEntry(DateTimeOffset.UtcNow, "undo", outcome, [new("from", to), new("to", from), new("detail", detail)], []));
            failed |= outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }

    /// <summary>The directories leftover-disk moved: where each was and where it went.</summary>
    private static List<(string From, string To)> Moves(string journal)
    {
        var moves = new List<(string, string)>();
        foreach (string line in File.ReadLines(journal).Where(line => line.Length > 0))
        {
            using JsonDocument entry = JsonDocument.Parse(line);
            JsonElement root = entry.RootElement;
            if (Text(root, "action") == "leftover-disk" && Text(root, "outcome") == "moved" && Text(root, "from") is string from && Text(root, "to") is string to)
            {
                moves.Add((from, to));
            }
        }

        return moves;
    }

    private static string MoveBack(string from, string to, out string detail)
    {
        if (!Directory.Exists(to))
        {
            detail = "not in the quarantine (undone already, or removed)";
            return "skipped";
        }

        if (Path.Exists(from))
        {
            detail = $"{from} exists again; nothing overwritten";
            return "skipped";
        }

        try
        {
            Directory.Move(to, from);
            detail = $"moved back to {from}";
            return "moved-back";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            detail = $"cannot move it back to {from}: {error.Message}";
            return "failed";
        }
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
