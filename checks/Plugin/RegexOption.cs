using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// An option holding a regular expression, read once while the arguments are parsed so that a
/// bad pattern is an argument error (exit 3), with a match timeout so no pattern can outlive -t.
/// </summary>
public static class RegexOption
{
    /// <param name="fallback">The pattern used when the option is not given (none when null); --help shows it.</param>
    public static Option<TextPattern?> Create(string name, string description, string? fallback = null)
    {
        var option = new Option<TextPattern?>(name)
        {
            Description = description,
            HelpName = "REGEX",
            Parser = Parse,
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = () => TextPattern.Parse(fallback);
        }

        return option;
    }

    private static TextPattern Parse(string pattern)
    {
        try
        {
            return TextPattern.Parse(pattern);
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"bad regular expression '{pattern}': {error.Message}");
        }
    }
}
