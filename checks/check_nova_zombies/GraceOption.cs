using StackFsck.Plugin.Arguments;
using System.Globalization;
using StackFsck.Plugin;

namespace StackFsck.Checks.NovaZombies;

/// <summary>A duration option: seconds, or a number with s, m, h or d (<c>90m</c>, <c>2h</c>, <c>1d</c>).</summary>
internal static class GraceOption
{
    public static Option<TimeSpan> Create(string name, string description, string fallback) => new(name)
    {
        Description = description,
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
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException($"'{text}' is not a duration (seconds, or a number with s, m, h or d)");
        }

        return TimeSpan.FromSeconds(value * (unit == 0 ? 1 : unit));
    }
}
