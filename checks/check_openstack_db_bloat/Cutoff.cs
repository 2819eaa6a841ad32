using System.Globalization;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// The age from which rows count, fixed once per run to the second: the same instant goes into
/// every count and into nova-manage's <c>--before</c>, so what the check counted is what the
/// printed command archives. cinder-manage and glance-manage take whole days and count them
/// from when they run; <see cref="Relative"/> is that instant as of the check's run.
/// </summary>
internal sealed record Cutoff(int? Days, DateTime Now)
{
    /// <summary>The documented range of <c>--older-than</c>: the tools refuse an age past the days since 1970, and OpenStack is younger than this.</summary>
    public const int MaxDays = 10000;

    public static Cutoff At(int? days, DateTime utcNow) =>
        new(days, new DateTime(utcNow.Ticks - (utcNow.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc));

    /// <summary>Rows deleted before this instant count; null (no <c>--older-than</c>) counts them all.</summary>
    public DateTime? Before => Days is int days ? Now.AddDays(-days) : null;

    /// <summary>What <c>cinder-manage db purge DAYS</c> or <c>glance-manage ... --age_in_days DAYS</c> compare with (0 days without <c>--older-than</c>).</summary>
    public DateTime Relative => Now.AddDays(-(Days ?? 0));

    public int RelativeDays => Days ?? 0;

    /// <summary>How nova-manage's <c>--before</c> takes it: a full timestamp (UTC, as Nova stores deleted_at) that needs no shell quoting.</summary>
    public static string Printed(DateTime when) => when.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>SQL: <paramref name="column"/> is before <paramref name="when"/>; a NULL column never is, as in the tools' own statements.</summary>
    public static string Sql(string column, DateTime? when) =>
        when is DateTime w ? $"{column} < '{w.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'" : "1";
}
