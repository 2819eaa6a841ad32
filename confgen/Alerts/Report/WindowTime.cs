using System.Globalization;
using StackFsck.Plugin;

namespace StackFsck.Alerts.Report;

/// <summary>
/// A report window bound: an age in the checks' duration grammar (<c>90m</c>, <c>24h</c>, <c>7d</c>,
/// <c>2w</c>; a bare number is seconds) or a UTC date or time (<c>2026-11-20</c>, <c>2026-11-20T06:00</c>).
/// </summary>
public static class WindowTime
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        FormatException notAnAge;
        try
        {
            return now - Duration.Parse(text);
        }
        catch (FormatException error)
        {
            notAnAge = error;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : throw new FormatException($"{notAnAge.Message}, nor a date or time (2026-11-20, 2026-11-20T06:00)");
    }
}
