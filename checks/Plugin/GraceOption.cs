using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>A duration option: seconds, or a number with s, m, h or d (<c>90m</c>, <c>2h</c>, <c>1d</c>), from 0 to ten years.</summary>
public static class GraceOption
{
    /// <summary>Ten years: longer than any cloud keeps a deleted instance, and far inside what a date can go back.</summary>
    private const double MaximumSeconds = 3650 * 86400.0;

    public static Option<TimeSpan> Create(string name, string description, string fallback) => new(name)
    {
        Description = description + " (0 to 3650d)",
        HelpName = "DURATION",
        DefaultValueFactory = () => Parse(fallback),
        Parser = Parse,
    };

    public static TimeSpan Parse(string text)
    {
        string trimmed = text.Trim();
        double unit = trimmed.Length == 0 ? 0 : trimmed[^1] switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
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
            throw new FormatException($"'{text}' is not a duration (seconds, or a number with s, m, h or d)");
        }

        double seconds = value * (unit == 0 ? 1 : unit);
        return seconds <= MaximumSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"'{text}' is longer than ten years (give 0 to 3650d)");
    }
}
