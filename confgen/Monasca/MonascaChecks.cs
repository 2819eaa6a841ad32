using System.Text.RegularExpressions;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Monasca;

/// <summary>
/// The monasca-agent checks of one server's objects: for each host with _MONASCA 1, the services
/// Nagios runs on it, their command lines fully expanded. monasca-agent splits check_command on
/// single spaces without a shell and finds the plugin in check_path, so every macro must expand
/// here and no argument may need quoting; a $USERn$ credential macro (resource.cfg) cannot, and is
/// an error. A service may name another command for the host itself (_MONASCA_COMMAND, same
/// arguments, e.g. local libvirt instead of ssh) or stay out of the agent (_MONASCA_SKIP 1).
/// </summary>
public static partial class MonascaChecks
{
    public static IReadOnlyList<MonascaHost> Of(ObjectSet objects, CommandCatalog commands, string server, string environment)
    {
        List<NagiosObject> services = objects.Real("service").ToList();
        var hosts = new List<MonascaHost>();
        foreach (NagiosObject host in objects.Real("host").Where(h => objects.Resolve(h, "_MONASCA") == "1"))
        {
            string name = host.Get("host_name")!;
            HashSet<string> groups = [.. host.List("hostgroups")];
            List<MonascaCheck> checks = services
                .Where(s => s.List("host_name").Contains(name) || s.List("hostgroup_name").Any(groups.Contains))
                .Where(s => objects.Resolve(s, "_MONASCA_SKIP") != "1")
                .Select(s => new MonascaCheck(objects.Resolve(s, "service_description") ?? "", Expand(objects, commands, host, s), Seconds(objects.Resolve(s, "check_interval"))))
                .ToList();
            hosts.Add(new MonascaHost(name, server, environment, checks));
        }

        return hosts;
    }

    /// <summary>Nagios' check_interval counts minutes (interval_length 60).</summary>
    private static int Seconds(string? minutes) => (int.TryParse(minutes, out int value) ? value : 5) * 60;

    private static string Expand(ObjectSet objects, CommandCatalog commands, NagiosObject host, NagiosObject service)
    {
        string checkCommand = objects.Resolve(service, "check_command") ?? "";
        string[] parts = checkCommand.Split('!');
        string name = objects.Resolve(service, "_MONASCA_COMMAND") ?? parts[0];
        string line = objects.Commands.TryGetValue(name, out NagiosObject? command) ? command.Get("command_line") ?? ""
            : throw new ConfgenException($"{service.Where}: command '{name}' is not defined");
        string expanded = Macro().Replace(line, match => match.Value switch
        {
            "$USER1$/" => "",
            "$HOSTNAME$" => host.Get("host_name")!,
            "$HOSTADDRESS$" => objects.Resolve(host, "address") ?? host.Get("host_name")!,
            string arg when arg.StartsWith("$ARG", StringComparison.Ordinal) =>
                int.Parse(arg[4..^1], System.Globalization.CultureInfo.InvariantCulture) is int n && n < parts.Length ? parts[n] : "",
            string custom when custom.StartsWith("$_HOST", StringComparison.Ordinal) => objects.Resolve(host, "_" + custom[6..^1]) ?? match.Value,
            string custom when custom.StartsWith("$_SERVICE", StringComparison.Ordinal) => ServiceVariable(objects, commands, service, "_" + custom[9..^1]) ?? match.Value,
            _ => match.Value,
        });
        string result = string.Join(' ', expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return result.Contains('$', StringComparison.Ordinal)
            ? throw new ConfgenException($"{service.Where}: '{result}' keeps a macro monasca-agent cannot expand (credentials must be files for monasca hosts)")
            : result;
    }

    /// <summary>A service variable as Nagios expands it: an optional check option as its arguments (nothing when unset).</summary>
    private static string? ServiceVariable(ObjectSet objects, CommandCatalog commands, NagiosObject service, string variable)
    {
        string? value = objects.Resolve(service, variable);
        return commands.OptionalOption(variable) is { } option ? option.Arguments(value ?? "") : value;
    }

    [GeneratedRegex(@"\$USER1\$/|\$[A-Z0-9_]+\$")]
    private static partial Regex Macro();
}
