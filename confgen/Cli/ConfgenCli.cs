using System.CommandLine;
using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.Cli;

/// <summary>The one place subcommands are listed. A subcommand is a class with a Create() returning its Command.</summary>
public static class ConfgenCli
{
    /// <summary>Every error: one line on standard error, this exit code (cron and scripts test for it).</summary>
    public const int ErrorExit = 1;

    public static int Run(string[] args)
    {
        var root = new RootCommand("confgen: Nagios configuration for every monitoring server of a cloud, from one inventory")
        {
            InventoryCommand.InventoryShow.Create(),
            Render.RenderCommand.Create(),
            Diff.DiffCommand.Create(),
            Audit.AuditCommand.Create(),
            AlertsCli.AlertsSubcommand.Create(),
        };
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception error) when (error is InventoryException or ConfgenException or Nagios.ConfigException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"confgen: {ErrorLine.Of(error.Message)}");
            return ErrorExit;
        }
        catch (Exception error)
        {
            // A bug, not bad input: still one line (cron mails it, scripts read the exit code), never a stack trace.
            Console.Error.WriteLine($"confgen: internal error ({error.GetType().Name}): {ErrorLine.Of(error.Message)}");
            return ErrorExit;
        }
    }
}
