using System.Globalization;

namespace StackFsck.Alerts.Report;

/// <summary>A report window bound: an age (<c>90m</c>, <c>24h</c>, <c>7d</c>) or a UTC date or time (<c>2026-11-20</c>, <c>2026-11-20T06:00</c>).</summary>
public static class WindowTime
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        if (text.Length > 1 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
        {
            TimeSpan? age = text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (age is TimeSpan ago)
            {
                return now - ago;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : throw new FormatException($"'{text}' is neither an age (90m, 24h, 7d, 2w) nor a date or time (2026-11-20, 2026-11-20T06:00)");
    }
}
