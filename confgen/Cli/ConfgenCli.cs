using System.CommandLine;
using System.Text;
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
            Console.Error.WriteLine($"confgen: {OneLine(error.Message)}");
            return ErrorExit;
        }
        catch (Exception error)
        {
            // A bug, not bad input: still one line (cron mails it, scripts read the exit code), never a stack trace.
            Console.Error.WriteLine($"confgen: internal error ({error.GetType().Name}): {OneLine(error.Message)}");
            return ErrorExit;
        }
    }

    /// <summary>The message with control characters (a newline in a quoted YAML value, say) written as escapes, so it stays one line.</summary>
    public static string OneLine(string message)
    {
        var line = new StringBuilder(message.Length);
        foreach (char c in message)
        {
            line.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c);
        }

        return line.ToString();
    }
}
