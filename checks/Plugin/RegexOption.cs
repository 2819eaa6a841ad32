using System.Text.RegularExpressions;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// An option holding a regular expression, compiled once while the arguments are parsed so that a
/// bad pattern is an argument error (exit 3), with a match timeout so no pattern can outlive -t.
/// </summary>
public static class RegexOption
{
    /// <param name="fallback">The pattern used when the option is not given; none when null.</param>
    public static Option<Regex?> Create(string name, string description, string? fallback = null)
    {
        var option = new Option<Regex?>(name)
        {
            Description = description,
            HelpName = "REGEX",
            Parser = Parse,
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = () => Parse(fallback);
        }

        return option;
    }

    public static Regex Parse(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"bad regular expression '{pattern}': {error.Message}");
        }
    }
}
