using System.Globalization;
using System.Text;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Commands;

namespace StackFsck.Confgen.Icinga2;

/// <summary>One argument of a CheckCommand: its key (the plugin's option), the custom variable that fills it, and how.</summary>
internal sealed record CommandArgument(string Key, string Variable, int Order, string? Description = null)
{
    public bool SetIf { get; init; }

    public bool SkipKey { get; init; }

    public bool RepeatKey { get; init; }

    public bool Required { get; init; }
}

/// <summary>
/// A command of the catalog (templates/common/commands.yaml) as an Icinga 2 CheckCommand, by the
/// Icinga Template Library's conventions: <c>command = [ PluginDir + "/check_x" ]</c> and an
/// <c>arguments</c> dictionary keyed by the plugin's flags in the Nagios command line's order.
/// Each argument is filled by the custom variable of its option, the Nagios one in lower case
/// without the underscore (<c>_RABBITMQ_COMPUTE_QUEUES_VHOST</c> is <c>rabbitmq_compute_queues_vhost</c>):
/// a switch is <c>set_if</c>, a repeated option <c>repeat_key</c> (the variable an array), an
/// option every service must set <c>required</c>. The command's fixed arguments are variables
/// too, with the fixed value as their default.
/// </summary>
internal sealed class IcingaCommand
{
    // The long names of the short options that fixed arguments give and the catalog does not list:
    // the monitoring-plugins standard (-H --hostname, -p --port, -w --warning, -c --critical,
    // -t --timeout, which our checks keep too), and check_ping's -p, --packets.
    private static readonly Dictionary<string, string> ShortOptions = new(StringComparer.Ordinal)
    {
        ["-H"] = "hostname",
        ["-p"] = "port",
        ["-w"] = "warning",
        ["-c"] = "critical",
        ["-t"] = "timeout",
        ["check_ping -p"] = "packets",
    };

    private readonly List<CommandArgument> _arguments = [];
    private readonly SortedDictionary<string, string> _defaults = new(StringComparer.Ordinal);

    private IcingaCommand(CheckCommand command) => Command = command;

    public CheckCommand Command { get; }

    public string Name => Command.Name;

    /// <summary>The custom variables this command reads, each with the argument it fills.</summary>
    public IReadOnlyList<CommandArgument> Arguments => _arguments;

    /// <summary>The Icinga 2 custom variable of an option: <c>_RABBITMQ_COMPUTE_QUEUES_VHOST</c> is <c>rabbitmq_compute_queues_vhost</c>.</summary>
    public static string VariableOf(CheckOption option) => option.Variable[1..].ToLowerInvariant();

    public static IcingaCommand From(CheckCommand command, CommandCatalog catalog)
    {
        var result = new IcingaCommand(command);
        foreach (string argument in command.Fixed)
        {
            result.AddFixed(argument, catalog);
        }

        foreach (CheckOption option in command.Options)
        {
            result.Add(new CommandArgument(option.Flag, VariableOf(option), result._arguments.Count + 1, option.Description)
            {
                SetIf = option.Switch,
                RepeatKey = option.Repeat,
                Required = command.Required.Contains(option),
            });
        }

        return result;
    }

    public void Write(StringBuilder text)
    {
        text.Append("object CheckCommand ").Append(IcingaText.Quote(Name)).Append(" {\n");
        IcingaText.Attribute(text, "command", "[ PluginDir + " + IcingaText.Quote("/" + Command.Check) + " ]");
        text.Append("  arguments = {\n");
        foreach (CommandArgument argument in _arguments)
        {
            text.Append("    ").Append(IcingaText.Quote(argument.Key)).Append(" = {\n");
            string macro = IcingaText.Quote("$" + argument.Variable + "$");
            text.Append("      ").Append(argument.SetIf ? "set_if" : "value").Append(" = ").Append(macro).Append('\n');
            if (argument.Description is not null)
            {
                text.Append("      description = ").Append(IcingaText.Quote(argument.Description)).Append('\n');
            }

            foreach ((bool on, string key) in new[] { (argument.SkipKey, "skip_key"), (argument.RepeatKey, "repeat_key"), (argument.Required, "required") })
            {
                if (on)
                {
                    text.Append("      ").Append(key).Append(" = true\n");
                }
            }

            text.Append("      order = ").Append(argument.Order.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("    }\n");
        }

        text.Append("  }\n");
        foreach ((string variable, string value) in _defaults)
        {
            IcingaText.Attribute(text, "vars." + variable, value);
        }

        text.Append("}\n");
    }

    /// <summary>
    /// A fixed argument (<c>-t $_SERVICETIMEOUT$</c>, <c>--skip-disks</c>, a bare <c>$HOSTADDRESS$</c>):
    /// an argument whose variable defaults to the fixed value (Nagios macros said the Icinga way).
    /// </summary>
    private void AddFixed(string argument, CommandCatalog catalog)
    {
        string where = $"{CommandCatalog.FileName}: command '{Name}'";
        string[] parts = argument.Split(' ', 2);
        int order = _arguments.Count + 1;
        if (parts[0].Length > 1 && parts[0][0] == '-')
        {
            string variable = VariableName(OptionName(catalog, parts[0]));
            Add(new CommandArgument(parts[0], variable, order) { SetIf = parts.Length == 1 });
            _defaults[variable] = parts.Length == 1 ? "true" : IcingaText.Quote(IcingaText.Macros(parts[1], where));
        }
        else
        {
            string variable = VariableName(argument == "$HOSTADDRESS$" ? "address" : "argument" + order.ToString(CultureInfo.InvariantCulture));
            Add(new CommandArgument(variable, variable, order) { SkipKey = true });
            _defaults[variable] = IcingaText.Quote(IcingaText.Macros(argument, where));
        }
    }

    private void Add(CommandArgument argument)
    {
        if (_arguments.Any(a => a.Key == argument.Key))
        {
            throw new ConfgenException($"{CommandCatalog.FileName}: command '{Name}' gives {argument.Key} twice, which one Icinga 2 argument cannot say");
        }

        _arguments.Add(argument);
    }

    private string VariableName(string option) => CheckOption.VariableOf(Command.Check, option)[1..].ToLowerInvariant();

    /// <summary>The long name of a fixed flag: the catalog's option of the check, else the standard's.</summary>
    private string OptionName(CommandCatalog catalog, string flag) =>
        catalog.OptionsOf(Command.Check).FirstOrDefault(o => o.Flag == flag || o.Option == flag)?.Option
            ?? (ShortOptions.TryGetValue($"{Command.Check} {flag}", out string? name) || ShortOptions.TryGetValue(flag, out name) ? name : flag);
}
