using System.Security.Cryptography;
using System.Text;
using StackFsck.Alerts;
using StackFsck.Alerts.Counting;
using StackFsck.Confgen.Commands;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// The event handlers of workarounds. A service carrying <c>_WORKAROUND_DIAGNOSE</c> and
/// <c>_WORKAROUND_REMEDY</c> (each a command of the rendered config, with its arguments as in a
/// check_command: <c>NAME!ARG1!ARG2</c>) gets <c>event_handler</c>, a command that runs
/// stackfsck-remedy through $USER1$ with the state macros, the host's placement, the workaround
/// variables and both command lines, their $ARGn$ filled in and every other macro left for Nagios
/// to expand when the handler runs; <c>_WORKAROUND_OPTIONS</c> adds options (<c>--on-soft-attempt 2</c>,
/// <c>--statsd HOST:PORT</c>). One command per distinct pair of command lines, named after
/// the tracker id and a digest of the pair, so a re-render names it the same.
/// </summary>
public static class EventHandlers
{
    public const string FilePath = "common/stackfsck-remedy.cfg";

    /// <summary>Gives each workaround service its handler; returns the file of the handler commands, or null when no service has one.</summary>
    public static ConfigFile? Apply(ObjectSet objects, CommandCatalog catalog, string server, List<string> errors)
    {
        var commands = new SortedDictionary<string, NagiosObject>(StringComparer.Ordinal);
        foreach (NagiosObject service in objects.Real("service"))
        {
            if (objects.Resolve(service, WorkaroundVariables.UrlKey) is not { } url
                || CommandLines(objects, catalog, service, errors) is not (string diagnoseLine, string remedyLine))
            {
                continue;
            }

            if (objects.Resolve(service, "event_handler") is { } own)
            {
                errors.Add($"{service.Where}: has its own event_handler '{own}'; a workaround's handler ({WorkaroundVariables.DiagnoseKey}, {WorkaroundVariables.RemedyKey}) would replace it");
                continue;
            }

            string name = Name(Workaround.TrackerOf(url), diagnoseLine, remedyLine);
            commands.TryAdd(name, Command(name, server, diagnoseLine, remedyLine));
            service.Add(new Directive("event_handler", name, DirectiveLayout.Aligned("event_handler", name)));
            service.Add(new Directive("event_handler_enabled", "1", DirectiveLayout.Aligned("event_handler_enabled", "1")));
        }

        return commands.Count == 0 ? null : new ConfigFile(FilePath, commands.Values.ToList(), "");
    }

    /// <summary>
    /// The diagnostics' and the remedy's command lines of a workaround service (a catalog command's
    /// required options, another command's $ARGn$ filled in), or null when it names none; a name that is no command is an error in <paramref name="errors"/>.
    /// The Icinga 2 render builds its EventCommands from these too.
    /// </summary>
    public static (string Diagnose, string Remedy)? CommandLines(ObjectSet objects, CommandCatalog catalog, NagiosObject service, List<string> errors)
    {
        if (objects.Resolve(service, WorkaroundVariables.DiagnoseKey) is not { } diagnose
            || objects.Resolve(service, WorkaroundVariables.RemedyKey) is not { } remedy)
        {
            return null;
        }

        string? diagnoseLine = CommandLine(objects, catalog, service, WorkaroundVariables.DiagnoseKey, diagnose, errors);
        string? remedyLine = CommandLine(objects, catalog, service, WorkaroundVariables.RemedyKey, remedy, errors);
        return diagnoseLine is null || remedyLine is null ? null : (diagnoseLine, remedyLine);
    }

    /// <summary>The command line a <c>NAME!ARG1!...</c> value stands for, or null (and an error) when it names no command or cannot be quoted.</summary>
    private static string? CommandLine(ObjectSet objects, CommandCatalog catalog, NagiosObject service, string key, string value, List<string> errors)
    {
        string[] parts = value.Split('!');
        if (catalog.ByName.TryGetValue(parts[0].Trim(), out CheckCommand? check))
        {
            // A catalog command takes its required options in order, then further arguments (-vv).
            return CommandObjects.CommandLine(check, parts[1..]) is { } checkLine
                ? Quotable(service, key, value, checkLine, errors)
                : Missing(service, key, value, check, errors);
        }

        if (!objects.Commands.TryGetValue(parts[0].Trim(), out NagiosObject? command) || command.Get("command_line") is not { } line)
        {
            errors.Add($"{service.Where}: {key} names no command of this configuration: '{parts[0].Trim()}'");
            return null;
        }

        for (int n = 32; n >= 1; n--)
        {
            line = line.Replace($"$ARG{n}$", n < parts.Length ? parts[n] : "", StringComparison.Ordinal);
        }

        return Quotable(service, key, value, line, errors);
    }

    private static string? Quotable(NagiosObject service, string key, string value, string line, List<string> errors)
    {
        if (line.Contains('\''))
        {
            errors.Add($"{service.Where}: {key} '{value}' runs a command line with a single quote, which the handler cannot pass on: {line}");
            return null;
        }

        return line;
    }

    private static string? Missing(NagiosObject service, string key, string value, CheckCommand command, List<string> errors)
    {
        errors.Add($"{service.Where}: {key} '{value}' gives {command.Name} fewer arguments than its required options ({string.Join(", ", command.Required.Select(o => o.Option))})");
        return null;
    }

    private static string Name(string tracker, string diagnose, string remedy)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(diagnose + "\n" + remedy));
        return HandlerCommands.Name(tracker, Convert.ToHexStringLower(digest)[..8]);
    }

    private static NagiosObject Command(string name, string server, string diagnose, string remedy)
    {
        var command = new NagiosObject("command", $"{server}/{FilePath}", 0)
        {
            Preamble = "\n# The event handler of a workaround (rendered by confgen from the service's _WORKAROUND_* variables).\n",
        };
        string line = "$USER1$/stackfsck-remedy handler --state $SERVICESTATE$ --state-type $SERVICESTATETYPE$ --attempt $SERVICEATTEMPT$"
            + " --host $HOSTNAME$ --service '$SERVICEDESC$' --environment $_HOSTENVIRONMENT$ --cell $_HOSTCELL$"
            + " --tracker '$_SERVICEWORKAROUND_URL$' --expires $_SERVICEWORKAROUND_EXPIRES$"
            + $" --diagnose '{diagnose}' --remedy '{remedy}' $_SERVICEWORKAROUND_OPTIONS$";
        command.Add(new Directive("command_name", name, new DirectiveLayout("", "    ", "    ", "")));
        command.Add(new Directive("command_line", line, new DirectiveLayout("", "    ", "    ", "")));
        return command;
    }
}
