using System.CommandLine;
using StackFsck.Libvirt;
using StackFsck.Remedy.Bookkeeping;

namespace StackFsck.Remedy.Repairs.Undo;

/// <summary>
/// <c>stackfsck-remedy undo JOURNAL</c>: replays the journal's repairs backwards, newest first.
/// Each step checks first, so running undo twice, or after an operator already put something back
/// by hand, moves or defines nothing twice and overwrites nothing.
/// </summary>
public static class UndoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Argument<string> journal = new("JOURNAL") { Description = "the journal a repair wrote (its --journal)" };
        var command = new Command("undo", "undo the repairs a journal records: quarantined directories go back where they were, removed domains are defined again (not started), logged-out iSCSI sessions are logged in again") { journal };
        command.SetAction(parse =>
        {
            var connections = new Dictionary<string, LibvirtConnection>();
            try
            {
                return UndoRun.Execute(parse.GetValue(journal)!, uri => Connection(connections, uri), stdout);
            }
            finally
            {
                foreach (LibvirtConnection connection in connections.Values)
                {
                    connection.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>One read-write connection per hypervisor the journal names, opened when a step first needs it.</summary>
    private static LibvirtConnection Connection(Dictionary<string, LibvirtConnection> open, string uri)
    {
        if (!open.TryGetValue(uri, out LibvirtConnection? connection))
        {
            connection = LibvirtConnection.Open(uri, readOnly: false);
            open.Add(uri, connection);
        }

        return connection;
    }
}

/// <summary>One undo run over a journal; <c>libvirt</c> gives the open connection to a journalled URI.</summary>
internal static class UndoRun
{
    public static int Execute(string journal, Func<string, LibvirtConnection> libvirt, TextWriter stdout)
    {
        if (!File.Exists(journal))
        {
            throw new UsageException($"no journal at {journal}");
        }

        bool failed = false;
        foreach (UndoStep step in Enumerable.Reverse(UndoSteps.Read(journal)))
        {
            UndoResult result = step.Undo(libvirt);
            stdout.WriteLine($"{result.Outcome} {step.Subject}: {result.Detail}");
            Journal.Append(journal, new JournalEntry(DateTimeOffset.UtcNow, "undo", result.Outcome, [.. step.Facts, new("detail", result.Detail)], []));
            failed |= result.Outcome == "failed";
        }

        return failed ? RemedyExit.Failed : RemedyExit.Done;
    }
}
