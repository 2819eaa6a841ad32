using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;

namespace StackFsck.Plugin;

/// <summary>
/// Runs a check under the plugin contract (DESIGN.md 3.1): parses arguments (errors, -h and -V
/// exit 3), arms the deadline, runs the check and prints exactly one result, never a stack trace.
/// </summary>
public static class CheckHost
{
    public static int Run(CheckDefinition check, string[] args) =>
        Run(check, args, Console.Out, Console.Error);

    public static int Run(CheckDefinition check, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var timeout = CommonOptions.Timeout();
        var verbose = CommonOptions.Verbose();
        var version = CommonOptions.Version();
        var command = new RootCommand(check.Description) { timeout, verbose, version };
        command.Options.Remove(command.Options.OfType<VersionOption>().Single());
        foreach (Option option in check.Options)
        {
            command.Options.Add(option);
        }

        ParseResult parsed = command.Parse(args);
        var output = new PluginOutput(stdout);
        if (parsed.GetValue(version))
        {
            output.TryWrite($"{check.Name} (stackfsck) {VersionText()}\n");
            return (int)Status.Unknown;
        }

        if (parsed.Action is HelpAction)
        {
            parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return (int)Status.Unknown;
        }

        if (parsed.Errors.Count > 0)
        {
            string problem = parsed.Errors[0].Message;
            output.TryWrite(PluginText.Failure(check.Service, Status.Unknown, $"bad arguments: {problem} (see --help)"));
            return (int)Status.Unknown;
        }

        int verbosity = parsed.GetResult(verbose)?.IdentifierTokenCount ?? 0;
        return Execute(check, parsed, parsed.GetValue(timeout)!, verbosity, output, stderr);
    }

    private static int Execute(CheckDefinition check, ParseResult args, TimeoutSetting timeout, int verbosity, PluginOutput output, TextWriter stderr)
    {
        using var deadline = new Deadline(timeout, expired => output.TryWrite(TimedOut(check, expired)));
        Status status;
        string text;
        try
        {
            Report report = check.Execute(new CheckContext(args, deadline, verbosity, stderr)).GetAwaiter().GetResult();
            (status, text) = (report.Status, report.Render());
        }
        catch (Exception error) when (deadline.Expired)
        {
            (status, text) = (timeout.State, TimedOut(check, deadline));
            Debug(stderr, verbosity, error);
        }
        catch (CheckException error)
        {
            (status, text) = (error.Status, PluginText.Failure(check.Service, error.Status, error.Message));
            Debug(stderr, verbosity, error);
        }
        catch (Exception error)
        {
            status = Status.Unknown;
            text = PluginText.Failure(check.Service, status, $"internal error: {error.GetType().Name}: {error.Message}");
            Debug(stderr, verbosity, error);
        }

        deadline.Dispose();
        output.TryWrite(text);
        return (int)status;
    }

    private static string TimedOut(CheckDefinition check, Deadline deadline) =>
        PluginText.Render(check.Service, deadline.Timeout.State, deadline.Summary, [], deadline.Notes, []);

    /// <summary>At -vvv the exception chain goes to standard error, for whoever debugs the check by hand.</summary>
    private static void Debug(TextWriter stderr, int verbosity, Exception error)
    {
        if (verbosity >= 3)
        {
            stderr.WriteLine(error.ToString());
        }
    }

    private static string VersionText() =>
        typeof(CheckHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
