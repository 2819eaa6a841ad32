using System.Text;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Commands;

/// <summary>
/// The catalog's commands as Nagios command objects, in one file of every server's tree: the check
/// from $USER1$ (the plugin directory), its fixed arguments, each required option's flag and
/// variable, then each optional variable alone (it carries its flag, or nothing when unset).
/// </summary>
public static class CommandObjects
{
    public const string Path = "common/check-commands.cfg";

    public static ConfigFile File(CommandCatalog catalog, string server)
    {
        var objects = new List<NagiosObject>();
        int line = 1;
        foreach (CheckCommand command in catalog.Commands)
        {
            string preamble = Preamble(command, first: objects.Count == 0);
            line += preamble.Count(c => c == '\n');
            var item = new NagiosObject("command", $"{server}/{Path}", line) { Preamble = preamble };
            item.Set("command_name", command.Name);
            item.Set("command_line", CommandLine(command));
            objects.Add(item);
            line += 4; // define, two directives, closing brace
        }

        return new ConfigFile(Path, objects, "");
    }

    public static string CommandLine(CheckCommand command) => string.Join(' ',
        new[] { $"$USER1$/{command.Check}" }
            .Concat(command.Fixed)
            .Concat(command.Required.Select(o => $"{o.Flag} {o.Macro}"))
            .Concat(command.Optional.Select(o => o.Macro)));

    /// <summary>
    /// The command line a <c>NAME!ARG1!ARG2</c> reference to a catalog command stands for (a
    /// workaround's diagnostics or remedy): the check, its fixed arguments, each required option's
    /// flag with the next argument, then any further arguments as given; null when an argument is missing.
    /// </summary>
    public static string? CommandLine(CheckCommand command, IReadOnlyList<string> arguments) =>
        arguments.Count < command.Required.Count ? null : string.Join(' ',
            new[] { $"$USER1$/{command.Check}" }
                .Concat(command.Fixed)
                .Concat(command.Required.Select((o, i) => $"{o.Flag} {arguments[i]}"))
                .Concat(arguments.Skip(command.Required.Count).Where(a => a.Length > 0)));

    private static string Preamble(CheckCommand command, bool first)
    {
        var text = new StringBuilder();
        if (first)
        {
            text.Append($"# The checks' commands (rendered by confgen from templates/common/{CommandCatalog.FileName}). A service sets\n")
                .Append("# each option with a custom variable named after it (_CHECK_OPTION); an optional one holds its\n")
                .Append("# flag too, or nothing. -t is the service's _TIMEOUT; $USER1$ is the plugin directory.\n");
        }

        text.Append('\n');
        foreach (string comment in command.Comment.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("# ").Append(comment).Append('\n');
        }

        return text.ToString();
    }
}
