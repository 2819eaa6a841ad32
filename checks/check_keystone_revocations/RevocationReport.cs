using System.Globalization;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.Keystone;

/// <summary>Judges the revocation backlog and words it, with what an operator can do about it.</summary>
internal static class RevocationReport
{
    private static readonly Threshold Events = Threshold.Main("the number of revocation events", "1000", "10000");

    private static readonly Threshold Oldest = Threshold.Named("oldest", "the age in seconds of the oldest event");

    private static readonly Threshold Overdue = Threshold.Named("overdue", "events older than the prune cutoff");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options => [.. Events.Options, .. Oldest.Options, .. Overdue.Options];

    public static Report Build(Revocations found, long cutoffSeconds, CheckContext context)
    {
        string age = found.OldestAgeSeconds is long seconds ? Duration.Age(seconds) : "none";
        var report = new Report()
        {
            OkSummary = $"{found.Events} revocation events, oldest {age}, {found.Overdue} overdue, {found.LastHour} in the last hour",
        };
        report
            .Add(new Metric("events", found.Events, Threshold: context.Get(Events), Min: 0,
                Text: $"{found.Events} revocation events"))
            .Add(new Metric("oldest", found.OldestAgeSeconds ?? 0, "s", context.Get(Oldest), Min: 0,
                Text: $"oldest revocation event is {age} old"))
            .Add(new Metric("overdue", found.Overdue, Threshold: context.Get(Overdue), Min: 0,
                Text: $"{found.Overdue} events older than the prune cutoff of {cutoffSeconds} s"))
            .Add(new Metric("last_hour", found.LastHour, Min: 0));
        Explain(report, found, cutoffSeconds);
        return report;
    }

    private static void Explain(Report report, Revocations found, long cutoffSeconds)
    {
        if (found.Oldest is DateTime oldest)
        {
            // Worded before, not inside, the interpolation: a string built while another is under
            // way makes .NET set up its per-core array pools, about 1.5 % of a run's CPU time.
            string ago = Duration.Age(found.OldestAgeSeconds ?? 0);
            report.Detail(string.Create(CultureInfo.InvariantCulture, $"oldest event revoked at {oldest:yyyy-MM-dd HH:mm:ss} UTC ({ago} ago)"));
        }

        report.Detail("Keystone compares every token it validates with every revocation event: the more events, the slower each API call.");
        if (found.Overdue > 0)
        {
            report.Detail($"{found.Overdue} events are older than [token] expiration + [revoke] expiration_buffer ({cutoffSeconds} s): "
                + "Keystone deletes them only when it writes the next revocation, or the two settings differ from --expiration/--buffer.");
            report.Detail($"They revoke only expired tokens and can be deleted: DELETE FROM revocation_event WHERE revoked_at < UTC_TIMESTAMP() - INTERVAL {cutoffSeconds} SECOND");
        }

        if (found.LastHour > 0 && found.LastHour * 2 > found.Events)
        {
            report.Detail($"{found.LastHour} events in the last hour: something revokes in bulk (user, project or role-assignment deletions, password changes, logouts of a script).");
        }

        if (found.Events > 0 && found.Overdue * 2 <= found.Events)
        {
            report.Detail("Most events are still within the token lifetime; a shorter [token] expiration keeps fewer of them.");
        }
    }
}
