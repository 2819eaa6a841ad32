using System.Text;
using System.Text.RegularExpressions;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Nagios;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Monasca;

/// <summary>
/// nagios_wrapper.yaml for each host the inventory marks 'monasca: true': the services Nagios runs
/// on that host, their command lines fully expanded. monasca-agent splits check_command on single
/// spaces without a shell and finds the plugin in check_path, so every macro must expand here and
/// no argument may need quoting; a $USERn$ credential macro (resource.cfg) cannot, and is an error.
/// A service may name another command for the host itself (_MONASCA_COMMAND, same arguments,
/// e.g. local libvirt instead of ssh) or stay out of the agent (_MONASCA_SKIP 1).
/// </summary>
public static partial class NagiosWrapper
{
    public const string Folder = "monasca-agent";

    public static IEnumerable<(string Path, string Text)> Render(RenderedServer rendered, string pluginDir)
    {
        var objects = new ObjectSet(rendered.Objects);
        List<NagiosObject> services = objects.Real("service").ToList();
        foreach (NagiosObject host in objects.Real("host").Where(h => objects.Resolve(h, "_MONASCA") == "1"))
        {
            string name = host.Get("host_name")!;
            HashSet<string> groups = [.. host.List("hostgroups")];
            var text = new StringBuilder();
            text.Append("# monasca-agent nagios_wrapper for ").Append(name).Append(", rendered by confgen from the Nagios services of ")
                .Append(rendered.Server.Name).Append('\n');
            text.Append("init_config:\n  check_path: ").Append(pluginDir).Append("\n  temp_file_path: /dev/shm/\ninstances:\n");
            foreach (NagiosObject service in services.Where(s => s.List("host_name").Contains(name) || s.List("hostgroup_name").Any(groups.Contains))
                .Where(s => objects.Resolve(s, "_MONASCA_SKIP") != "1"))
            {
                string description = objects.Resolve(service, "service_description") ?? "";
                string command = Expand(objects, host, service);
                text.Append("  - name: ").Append(description).Append('\n')
                    .Append("    check_command: ").Append(command).Append('\n')
                    .Append("    check_interval: ").Append(Seconds(objects.Resolve(service, "check_interval"))).Append('\n')
                    .Append("    dimensions:\n      service: ").Append(description).Append('\n')
                    .Append("      environment: ").Append(rendered.Environment.Name).Append('\n');
            }

            yield return ($"{Folder}/{name}/nagios_wrapper.yaml", text.ToString());
        }
    }

    /// <summary>Nagios' check_interval counts minutes (interval_length 60).</summary>
    private static int Seconds(string? minutes) => (int.TryParse(minutes, out int value) ? value : 5) * 60;

    private static string Expand(ObjectSet objects, NagiosObject host, NagiosObject service)
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
            string custom when custom.StartsWith("$_SERVICE", StringComparison.Ordinal) => objects.Resolve(service, "_" + custom[9..^1]) ?? match.Value,
            _ => match.Value,
        });
        string result = string.Join(' ', expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return result.Contains('$', StringComparison.Ordinal)
            ? throw new ConfgenException($"{service.Where}: '{result}' keeps a macro monasca-agent cannot expand (credentials must be files for monasca hosts)")
            : result;
    }

    [GeneratedRegex(@"\$USER1\$/|\$[A-Z0-9_]+\$")]
    private static partial Regex Macro();
}
