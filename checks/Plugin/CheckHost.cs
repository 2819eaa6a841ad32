using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// Runs a check under the plugin contract (checks/Plugin/README.md): parses arguments (errors, -h and -V
/// exit 3), arms the deadline, runs the check and prints exactly one result, never a stack trace.
/// </summary>
public static class CheckHost
{
    /// <summary>The executable's entry: standard output and error, and the process is the check's alone.</summary>
    public static int Run(CheckDefinition check, string[] args)
    {
        ProcessEnd.Now(Run(check, args, StandardStreams.Output(), StandardStreams.Error()));
        return (int)Status.Unknown;
    }

    public static int Run(CheckDefinition check, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = new PluginOutput(stdout);
        try
        {
            return ParseAndExecute(check, args, output, stderr);
        }
        catch (Exception error)
        {
            // A fault before the check's own work, such as two options of one name, is still one line.
            output.TryWrite(Failure(check, Status.Unknown, InternalError(error), []));
            return (int)Status.Unknown;
        }
    }

    private static int ParseAndExecute(CheckDefinition check, string[] args, PluginOutput output, TextWriter stderr)
    {
        var timeout = CommonOptions.Timeout();
        var verbose = CommonOptions.Verbose();
        var version = CommonOptions.Version();
        var help = CommonOptions.Help();
        var commandLine = new CommandLine([timeout, verbose, version, help, .. check.Options]);
        ParsedArguments parsed;
        try
        {
            parsed = commandLine.Parse(args);
            if (parsed.Count(version) > 0)
            {
                output.TryWrite($"{check.Name} (stackfsck) {BuildVersion.Text}\n");
                return (int)Status.Unknown;
            }

            if (parsed.Count(help) > 0)
            {
                output.TryWrite(HelpText.Render(check.Name, check.Description, commandLine.Options));
                return (int)Status.Unknown;
            }

            if (parsed.MissingRequired() is Option missing)
            {
                throw new FormatException($"{missing.Name} is required");
            }
        }
        catch (FormatException problem)
        {
            output.TryWrite(PluginText.Failure(check.Service, Status.Unknown, $"bad arguments: {problem.Message} (see --help)"));
            return (int)Status.Unknown;
        }

        return Execute(check, parsed, parsed.GetValue(timeout), parsed.Count(verbose), output, stderr);
    }

    private static int Execute(CheckDefinition check, ParsedArguments args, TimeoutSetting timeout, int verbosity, PluginOutput output, TextWriter stderr)
    {
        CheckContext? context = null;
        using var deadline = new Deadline(timeout, expired => output.TryWrite(TimedOut(check, expired, context?.Warnings ?? [])));
        context = new CheckContext(args, deadline, verbosity, stderr);
        Status status;
        string text;
        try
        {
            Report report = check.Execute(context).GetAwaiter().GetResult();
            foreach (string warning in context.Warnings)
            {
                report.Detail(warning);
            }

            (status, text) = (report.Status, report.Render(check.Service));
        }
        catch (Exception error) when (deadline.Expired)
        {
            (status, text) = (timeout.State, TimedOut(check, deadline, context.Warnings));
            Debug(stderr, verbosity, error);
        }
        catch (CheckException error)
        {
            (status, text) = (error.Status, Failure(check, error.Status, error.Message, context.Warnings));
            Debug(stderr, verbosity, error);
        }
        catch (Exception error)
        {
            status = Status.Unknown;
            text = Failure(check, status, InternalError(error), context.Warnings);
            Debug(stderr, verbosity, error);
        }

        deadline.Dispose();
        output.TryWrite(text);
        return (int)status;
    }

    private static string TimedOut(CheckDefinition check, Deadline deadline, IEnumerable<string> warnings) =>
        PluginText.Render(check.Service, deadline.Timeout.State, deadline.Summary, [], [.. deadline.Notes, .. warnings], []);

    private static string Failure(CheckDefinition check, Status status, string message, IEnumerable<string> warnings) =>
        PluginText.Render(check.Service, status, message, [], warnings, []);

    private static string InternalError(Exception error) => $"internal error: {error.GetType().Name}: {error.Message}";

    /// <summary>At -vvv the exception chain goes to standard error, for whoever debugs the check by hand.</summary>
    private static void Debug(TextWriter stderr, int verbosity, Exception error)
    {
        if (verbosity >= 3)
        {
            stderr.WriteLine(error.ToString());
        }
    }
}
