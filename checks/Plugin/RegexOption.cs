using System.Text.RegularExpressions;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// An option holding a regular expression, compiled once while the arguments are parsed so that a
/// bad pattern is an argument error (exit 3), with a match timeout so no pattern can outlive -t.
/// </summary>
public static class RegexOption
{
    /// <param name="fallback">
    /// The expression used when the option is not given (none when null): one the check declares
    /// with [GeneratedRegex] and a one-second match timeout, so that it is compiled when the check
    /// is built. Parsed at every start instead (the parser, its writer and the interpreter's set-up),
    /// the RabbitMQ check's default --queue pattern cost 0.07 ms of a -V run and 0.3 to 1.0 ms of
    /// an https one in five paired comparisons of 400 to 600 runs; over plain http the difference
    /// stayed within noise (-0.25 to +0.2 ms), a contrast left unexplained. --help shows its pattern.
    /// </param>
    public static Option<Regex?> Create(string name, string description, Regex? fallback = null)
    {
        var option = new Option<Regex?>(name)
        {
            Description = description,
            HelpName = "REGEX",
            Parser = Parse,
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = () => fallback;
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
