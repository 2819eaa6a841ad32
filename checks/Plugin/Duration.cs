using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// Durations as operators write and read them, one grammar for every check and confgen's report
/// windows: seconds, or a number with s, m, h, d or w (<c>90m</c>, <c>2h</c>, <c>1.5d</c>, <c>2w</c>)
/// on the command line; <c>90 min</c>,
/// <c>2 h</c> (<see cref="Text"/>) or <c>3 h 5 min</c> (<see cref="Age"/>) in the output.
/// </summary>
public static class Duration
{
    /// <summary>Ten years: longer than any cloud keeps what a check looks back on, and far inside what a date can go back.</summary>
    private const double MaximumSeconds = 3650 * 86400.0;

    /// <summary>A duration option from 0 to ten years, its range stated in --help.</summary>
    public static Option<TimeSpan> Option(string name, string description, string fallback) => new(name)
    {
        Description = description + " (0 to 3650d)",
        HelpName = "DURATION",
        DefaultValueFactory = () => Parse(fallback),
        Parser = Parse,
    };

    /// <summary>Reads a duration; <see cref="FormatException"/> saying why for anything else.</summary>
    public static TimeSpan Parse(string text)
    {
        string trimmed = text.Trim();
        double unit = trimmed.Length == 0 ? 0 : trimmed[^1] switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            'w' => 7 * 86400,
            _ => 0,
        };
        string number = unit == 0 ? trimmed : trimmed[..^1];
        double value;
        try
        {
            value = ValueParsers.Decimal(number, 0, double.MaxValue);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a duration (seconds, or a number with s, m, h, d or w)");
        }

        double seconds = value * (unit == 0 ? 1 : unit);
        return seconds <= MaximumSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"'{text}' is longer than ten years (give 0 to 3650d)");
    }

    /// <summary>A duration an operator gave, exactly, in its largest whole unit: "1 d", "36 h", "90 min", "45 s".</summary>
    public static string Text(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0} d"
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0} h"
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalSeconds:0} s";

    /// <summary>A measured age a person reads at a glance, in two units at most: "45 s", "12 min", "3 h 5 min", "2 d 4 h".</summary>
    public static string Age(long seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min",
        < 86400 => $"{seconds / 3600} h {seconds % 3600 / 60} min",
        _ => $"{seconds / 86400} d {seconds % 86400 / 3600} h",
    };
}
