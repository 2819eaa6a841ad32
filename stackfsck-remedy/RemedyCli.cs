using System.CommandLine;
using StackFsck.Confgen.Cli;
using StackFsck.Plugin;
using StackFsck.Remedy.Handler;
using StackFsck.Remedy.Repairs.LeftoverDisk;
using StackFsck.Remedy.Repairs.StaleIscsiSession;
using StackFsck.Remedy.Repairs.Undo;
using StackFsck.Remedy.Repairs.ZombieDomain;

namespace StackFsck.Remedy;

/// <summary>
/// The actions of stackfsck-remedy. Bad arguments are one line and exit 3 (System.CommandLine
/// would print the whole help and exit 1); <c>--help</c> at the top lists every action with its
/// arguments, so an operator reading it from an event handler sees the whole tool at once.
/// </summary>
public static class RemedyCli
{
    public const string Program = "stackfsck-remedy";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        RootCommand root = Root(stdout, stderr);
        if (args.Length == 0 || args is ["-h" or "--help" or "-?"])
        {
            stdout.Write(Synopsis.Of(root));
            return args.Length == 0 ? RemedyExit.Usage : RemedyExit.Done;
        }

        try
        {
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                stderr.WriteLine($"{Program}: {ErrorLine.Of(parse.Errors[0].Message)} (see {Program} --help)");
                return RemedyExit.Usage;
            }

            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr });
        }
        catch (UsageException error)
        {
            stderr.WriteLine($"{Program}: {ErrorLine.Of(error.Message)}");
            return RemedyExit.Usage;
        }
        catch (CheckException error)
        {
            // The database or the instances path could not be read: the checks' one-line wording.
            stderr.WriteLine($"{Program}: {ErrorLine.Of(error.Message)}");
            return RemedyExit.Failed;
        }
        catch (Exception error)
        {
            // A bug or an unwritable folder: still one line, never a stack trace in Nagios' log.
            stderr.WriteLine($"{Program}: failed ({error.GetType().Name}): {ErrorLine.Of(error.Message)}");
            return RemedyExit.Failed;
        }
    }

    private static RootCommand Root(TextWriter stdout, TextWriter stderr) =>
        new("stackfsck-remedy: workarounds run from Nagios event handlers, with bookkeeping (diagnostics first, expiry, journal, StatsD counters), and guarded repairs (dry run by default, re-verified, journalled, undoable)")
        {
            HandlerCommand.Create(stdout, stderr),
            ZombieDomainCommand.Create(stdout, stderr),
            LeftoverDiskCommand.Create(stdout, stderr),
            StaleIscsiSessionCommand.Create(stdout, stderr),
            UndoCommand.Create(stdout, stderr),
        };
}

/// <summary>An argument that parses but makes no sense (a date that is no date, a state Nagios does not have).</summary>
public sealed class UsageException(string message) : Exception(message);
