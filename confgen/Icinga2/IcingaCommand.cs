using System.Globalization;
using System.Text;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Icinga2;

/// <summary>One argument of a CheckCommand: its key (the plugin's option), the custom variable that fills it, and how.</summary>
internal sealed record CommandArgument(string Key, string Variable, bool IsFlag, bool SkipKey, int Order);

/// <summary>
/// A Nagios command as an Icinga 2 CheckCommand, by the Icinga Template Library's conventions:
/// <c>command = [ PluginDir + "/check_x" ]</c>, an <c>arguments</c> dictionary keyed by the
/// plugin's options in the Nagios command line's order, each filled by a custom variable named
/// after the command and the option (<c>rabbitmq_compute_queues_vhost</c>); values the command
/// line fixed are that variable's default, a flag is <c>set_if</c>. What a service gave as
/// <c>$ARGn$</c> it now sets in that variable; the free-form options argument (a bare
/// <c>$ARGn$</c>) is an array variable <c>..._options</c>, one plugin argument per element, so
/// no value ever needs shell quoting.
/// </summary>
internal sealed class IcingaCommand
{
    private const string Prefix = "stackfsck_";

    // The long names of short options, for the variable names: the monitoring-plugins standard
    // (-H --hostname, -p --port, -w --warning, -c --critical, -t --timeout), which our checks keep,
    // and the plugins that give a letter another meaning, as their --help says.
    private static readonly Dictionary<string, string> ShortOptions = new(StringComparer.Ordinal)
    {
        ["-H"] = "hostname",
        ["-p"] = "port",
        ["-w"] = "warning",
        ["-c"] = "critical",
        ["-t"] = "timeout",
        ["check_ping -p"] = "packets",
        ["check_nrpe -c"] = "command",
    };

    private readonly List<CommandArgument> _arguments = [];
    private readonly SortedDictionary<string, string> _defaults = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (string Variable, bool IsList)> _fromArgs = [];
    private string _command = "";

    private IcingaCommand(string name) => Name = name;

    public string Name { get; }

    /// <summary>The custom variables this command reads, each with the argument it fills.</summary>
    public IReadOnlyList<CommandArgument> Arguments => _arguments;

    public static IcingaCommand From(NagiosObject command)
    {
        string name = command.Get("command_name")!;
        var result = new IcingaCommand(name);
        string[] tokens = (command.Get("command_line") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw new ConfgenException($"{command.Where}: command '{name}' has no command line");
        }

        result._command = tokens[0].StartsWith("$USER1$/", StringComparison.Ordinal)
            ? "[ PluginDir + " + IcingaText.Quote(tokens[0]["$USER1$".Length..]) + " ]"
            : "[ " + IcingaText.Quote(IcingaText.Macros(tokens[0], command.Where)) + " ]";
        string variablePrefix = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
        for (int i = 1; i < tokens.Length; i++)
        {
            string token = tokens[i];
            int order = result._arguments.Count + 1;
            if (token.Length > 1 && token[0] == '-')
            {
                string variable = $"{variablePrefix}_{OptionName(Path.GetFileName(tokens[0]), token)}";
                bool isFlag = i + 1 >= tokens.Length || (tokens[i + 1].StartsWith('-') && tokens[i + 1].Length > 1);
                result.Add(new CommandArgument(token, variable, isFlag, SkipKey: false, order), command);
                if (isFlag)
                {
                    result._defaults[variable] = "true";
                }
                else
                {
                    result.Fill(variable, tokens[++i], isList: false, command.Where);
                }
            }
            else
            {
                string variable = $"{variablePrefix}_{(token == "$HOSTADDRESS$" ? "address" : ArgumentNumber(token) is not null ? "options" : "argument" + order.ToString(CultureInfo.InvariantCulture))}";
                result.Add(new CommandArgument(variable, variable, IsFlag: false, SkipKey: true, order), command);
                result.Fill(variable, token, isList: ArgumentNumber(token) is not null, command.Where);
            }
        }

        return result;
    }

    /// <summary>
    /// The custom variables (Icinga expressions) that stand for a <c>check_command</c>'s
    /// <c>!arg1!arg2</c>: <c>$ARGn$</c> of the Nagios command line is a variable of this command now.
    /// </summary>
    public IEnumerable<(string Variable, string Value)> VariablesFor(IReadOnlyList<string> args, string where)
    {
        for (int n = 1; n <= args.Count; n++)
        {
            if (!_fromArgs.TryGetValue(n, out var target))
            {
                if (args[n - 1].Length > 0)
                {
                    throw new ConfgenException($"{where}: command '{Name}' has no $ARG{n}$ for the value '{args[n - 1]}'");
                }

                continue;
            }

            string value = IcingaText.Macros(args[n - 1], where);
            if (target.IsList)
            {
                string[] items = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (items.Length > 0)
                {
                    yield return (target.Variable, IcingaText.Array(items));
                }
            }
            else
            {
                yield return (target.Variable, IcingaText.Quote(value));
            }
        }
    }

    public void Write(StringBuilder text)
    {
        text.Append("object CheckCommand ").Append(IcingaText.Quote(Name)).Append(" {\n");
        IcingaText.Attribute(text, "command", _command);
        text.Append("  arguments = {\n");
        foreach (CommandArgument argument in _arguments)
        {
            text.Append("    ").Append(IcingaText.Quote(argument.Key)).Append(" = {\n");
            string macro = IcingaText.Quote("$" + argument.Variable + "$");
            text.Append("      ").Append(argument.IsFlag ? "set_if" : "value").Append(" = ").Append(macro).Append('\n');
            if (argument.SkipKey)
            {
                text.Append("      skip_key = true\n");
            }

            if (_fromArgs.Values.Any(v => v.Variable == argument.Variable && !v.IsList))
            {
                text.Append("      required = true\n");
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

    private void Add(CommandArgument argument, NagiosObject command)
    {
        if (_arguments.Any(a => a.Key == argument.Key))
        {
            throw new ConfgenException($"{command.Where}: command '{Name}' gives {argument.Key} twice, which one Icinga 2 argument cannot say");
        }

        _arguments.Add(argument);
    }

    /// <summary>A value of the command line: a service's <c>$ARGn$</c>, or the variable's default.</summary>
    private void Fill(string variable, string value, bool isList, string where)
    {
        if (ArgumentNumber(value) is { } n)
        {
            _fromArgs[n] = (variable, isList);
        }
        else if (value.Contains("$ARG", StringComparison.Ordinal))
        {
            throw new ConfgenException($"{where}: command '{Name}' mixes $ARGn$ into '{value}': give the whole value as the argument");
        }
        else
        {
            _defaults[variable] = IcingaText.Quote(IcingaText.Macros(value, where));
        }
    }

    private static int? ArgumentNumber(string token) =>
        token.StartsWith("$ARG", StringComparison.Ordinal) && token.EndsWith('$') && int.TryParse(token.AsSpan(4, token.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : null;

    private static string OptionName(string plugin, string option) =>
        ShortOptions.TryGetValue($"{plugin} {option}", out string? name) || ShortOptions.TryGetValue(option, out name)
            ? name
            : option.TrimStart('-').Replace('-', '_');
}
