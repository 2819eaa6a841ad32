namespace StackFsck.Plugin.Arguments;

/// <summary>
/// A check's options and the getopt_long-style reading of its arguments: <c>--name value</c>,
/// <c>--name=value</c>, <c>-x value</c>, <c>-xvalue</c>, flags bundled as <c>-vvv</c>; an option
/// that takes a value takes the next argument whatever it looks like (<c>-w -5:5</c>). Nothing
/// else is accepted: an unknown option, a stray word or a second <c>-w</c> is an argument error.
/// </summary>
/// <remarks>
/// The checks do not use System.CommandLine (checks/Plugin/README.md says why): in a Native AOT check it
/// adds about 1 ms to every run (0.7 ms of start-up for its 350 KB of type data, 0.3 ms to
/// build and parse its tree), a third of the 25 % start-up budget the checks keep against C
/// check_mysql_query.
/// confgen, a JIT application, still uses it.
/// </remarks>
public sealed class CommandLine
{
    private readonly Dictionary<string, Option> _byName = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">Two options share a name: a mistake in the check.</exception>
    public CommandLine(IEnumerable<Option> options)
    {
        Options = [.. options];
        foreach (Option option in Options)
        {
            foreach (string name in (string[])[option.Name, .. option.Aliases])
            {
                if (!_byName.TryAdd(name, option))
                {
                    throw new InvalidOperationException($"two options are named {name}");
                }
            }
        }
    }

    public IReadOnlyList<Option> Options { get; }

    /// <exception cref="FormatException">The arguments are wrong; the message says how, for the user.</exception>
    public ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var texts = new Dictionary<Option, List<string>>();
        var counts = new Dictionary<Option, int>();
        for (int i = 0; i < args.Count; i++)
        {
            foreach ((Option option, string? text) in Split(args[i], args, ref i))
            {
                Note(option, text, texts, counts);
            }
        }

        var values = new Dictionary<Option, object?>();
        foreach (Option option in Options)
        {
            values[option] = texts.TryGetValue(option, out List<string>? given) ? Read(option, given) : option.DefaultValue();
        }

        return new ParsedArguments(values, counts);
    }

    /// <summary>The options one argument names, each with its value (taken from the next argument when it is not attached).</summary>
    private List<(Option, string?)> Split(string arg, IReadOnlyList<string> args, ref int index)
    {
        if (arg.Length < 2 || arg[0] != '-')
        {
            throw new FormatException($"unexpected argument '{arg}'");
        }

        int equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
        string name = equals < 0 ? arg : arg[..equals];
        if (_byName.TryGetValue(name, out Option? whole))
        {
            string? attached = equals < 0 ? null : arg[(equals + 1)..];
            return [(whole, Value(whole, name, attached, args, ref index))];
        }

        if (arg[1] == '-')
        {
            throw new FormatException($"unknown option '{name}'");
        }

        return SplitBundle(arg, args, ref index);
    }

    /// <summary><c>-vvv</c>, <c>-vP3306</c>: single-letter options, the first that takes a value taking the rest.</summary>
    private List<(Option, string?)> SplitBundle(string arg, IReadOnlyList<string> args, ref int index)
    {
        var found = new List<(Option, string?)>();
        for (int at = 1; at < arg.Length; at++)
        {
            string name = "-" + arg[at];
            if (!_byName.TryGetValue(name, out Option? option))
            {
                throw new FormatException($"unknown option '{name}'" + (at > 1 ? $" in '{arg}'" : ""));
            }

            if (option.IsFlag)
            {
                found.Add((option, null));
                continue;
            }

            string? rest = at + 1 < arg.Length ? arg[(at + 1)..] : null;
            if (rest is ['=', ..])
            {
                rest = rest[1..];
            }
            found.Add((option, Value(option, name, rest, args, ref index)));
            break;
        }

        return found;
    }

    private static string? Value(Option option, string name, string? attached, IReadOnlyList<string> args, ref int index)
    {
        if (option.IsFlag)
        {
            return attached is null ? null : throw new FormatException($"{name} takes no value");
        }

        if (attached is not null)
        {
            return attached;
        }

        return ++index < args.Count ? args[index] : throw new FormatException($"{name} needs a value {option.ValueHint()}");
    }

    private static void Note(Option option, string? text, Dictionary<Option, List<string>> texts, Dictionary<Option, int> counts)
    {
        counts[option] = counts.GetValueOrDefault(option) + 1;
        if (option.IsFlag)
        {
            texts[option] = [];
            return;
        }

        if (!texts.TryGetValue(option, out List<string>? given))
        {
            texts[option] = given = [];
        }
        else if (!option.IsRepeatable)
        {
            throw new FormatException($"{option.Name} is given more than once");
        }

        given.Add(text!);
    }

    private static object? Read(Option option, List<string> texts)
    {
        try
        {
            return option.Read(texts);
        }
        catch (FormatException error)
        {
            throw new FormatException($"{option.Name}: {error.Message}");
        }
    }
}
