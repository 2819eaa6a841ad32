using System.Globalization;

namespace StackFsck.OpenStack.Survey;

/// <summary>
/// Ages as the database server measures them: OpenStack stores naive UTC, so every age is taken
/// against the server's <c>UTC_TIMESTAMP()</c>, never the monitoring host's clock.
/// </summary>
public static class Age
{
    /// <summary>SQL for the seconds since a DATETIME column.</summary>
    public static string Since(string column) => $"TIMESTAMPDIFF(SECOND, {column}, UTC_TIMESTAMP())";

    /// <summary>SQL: the column is older than <paramref name="grace"/> (a NULL column never is).</summary>
    public static string OlderThan(string column, TimeSpan grace) =>
        $"{column} < UTC_TIMESTAMP() - INTERVAL {(long)grace.TotalSeconds} SECOND";

    /// <summary>
    /// SQL: last changed before <paramref name="grace"/>, a row never updated counting from its
    /// creation (an instance stuck in scheduling has no updated_at). Written as two comparisons
    /// on the bare columns, not on COALESCE, so an index on updated_at can serve the first.
    /// </summary>
    public static string ChangedBefore(TimeSpan grace, string prefix = "") =>
        $"({OlderThan(prefix + "updated_at", grace)} OR ({prefix}updated_at IS NULL AND {OlderThan(prefix + "created_at", grace)}))";

    /// <summary>SQL for the seconds since the last change (updated_at, else created_at).</summary>
    public static string SinceChange(string prefix = "") => Since($"COALESCE({prefix}updated_at, {prefix}created_at)");

    /// <summary>"45 s", "12 min", "3 h 12 min", "2 d 4 h".</summary>
    public static string Words(long seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min",
        < 86400 => seconds % 3600 / 60 == 0 ? $"{seconds / 3600} h" : $"{seconds / 3600} h {seconds % 3600 / 60} min",
        _ => seconds % 86400 / 3600 == 0 ? $"{seconds / 86400} d" : $"{seconds / 86400} d {seconds % 86400 / 3600} h",
    };

    /// <summary>A grace period as options and summaries word it.</summary>
    public static string Words(TimeSpan span) => Words((long)span.TotalSeconds);

    public static string Timestamp(DateTime? at) =>
        at is DateTime time ? time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never";
}
