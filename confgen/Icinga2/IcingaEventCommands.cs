using System.Text;
using StackFsck.Alerts.Counting;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Model;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Icinga2;

/// <summary>
/// The workaround handlers (<see cref="EventHandlers"/>) as Icinga 2 EventCommands: stackfsck-remedy
/// from PluginDir with Icinga's runtime macros for the state, host, service, placement and workaround
/// variables, and the diagnostics' and remedy's command lines, each one argument (stackfsck-remedy
/// runs it through /bin/sh), then the service's <c>_WORKAROUND_OPTIONS</c> split into words.
/// </summary>
internal static class IcingaEventCommands
{
    /// <summary>
    /// The service's <c>vars.WORKAROUND_OPTIONS</c> split at blanks when the handler runs, as the shell
    /// splits <c>$_SERVICEWORKAROUND_OPTIONS$</c> in Nagios' command line: a function value returning an
    /// array, whose elements Icinga adds as arguments of their own after the command's (skip_key: no key
    /// before them); a service without the variable gets none.
    /// </summary>
    private const string OptionsArgument = """
        {
            "WORKAROUND_OPTIONS" = {
              value = {{
                var options = macro("$service.vars.WORKAROUND_OPTIONS$")
                if (typeof(options) != String) { return [] }
                return options.split(" \t").filter(word => word != "")
              }}
              skip_key = true
            }
          }
        """;

    public static bool IsHandler(string command) => command.StartsWith(HandlerCommands.RenderedPrefix, StringComparison.Ordinal);

    /// <summary>One EventCommand per handler any service of these servers runs, by name.</summary>
    public static SortedDictionary<string, string> Of(IEnumerable<ServerModel> servers, CommandCatalog catalog)
    {
        var commands = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (ServerModel server in servers)
        {
            foreach (NagiosObject service in server.Services)
            {
                if (service.Get("event_handler") is { } name && IsHandler(name) && !commands.ContainsKey(name)
                    && EventHandlers.CommandLines(server.Objects, catalog, service, []) is (string diagnose, string remedy))
                {
                    commands[name] = Write(name, diagnose, remedy, service.Where);
                }
            }
        }

        return commands;
    }

    private static string Write(string name, string diagnose, string remedy, string where)
    {
        string[] fixedArguments =
        [
            "handler", "--state", "$service.state$", "--state-type", "$service.state_type$", "--attempt", "$service.check_attempt$",
            "--host", "$host.name$", "--service", "$service.name$", "--environment", "$host.vars.ENVIRONMENT$", "--cell", "$host.vars.CELL$",
            "--tracker", "$service.vars.WORKAROUND_URL$", "--expires", "$service.vars.WORKAROUND_EXPIRES$",
        ];
        IEnumerable<string> arguments = fixedArguments.Select(IcingaText.Quote)
            .Concat(["\"--diagnose\"", Line(diagnose, where), "\"--remedy\"", Line(remedy, where)]);
        var text = new StringBuilder("object EventCommand ").Append(IcingaText.Quote(name)).Append(" {\n");
        IcingaText.Attribute(text, "command", "[ PluginDir + \"/stackfsck-remedy\", " + string.Join(", ", arguments) + " ]");
        IcingaText.Attribute(text, "arguments", OptionsArgument);
        return text.Append("}\n").ToString();
    }

    /// <summary>A command line as one Icinga string expression: $USER1$ (the plugin folder) becomes PluginDir, other macros Icinga's.</summary>
    private static string Line(string line, string where) => string.Join(" + PluginDir + ",
        line.Split("$USER1$").Select(part => IcingaText.Quote(IcingaText.Macros(part, where))));
}
