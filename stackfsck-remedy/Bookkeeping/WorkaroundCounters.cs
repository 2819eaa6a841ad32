using StackFsck.Alerts.Counting;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Remedy.Bookkeeping;

/// <summary>
/// The StatsD counters of workaround runs, <c>PREFIX.ENV.CELL.workaround.TRACKER.COUNTER</c>, sent
/// through the alerts library's sender. A run's outcome does not depend on StatsD: a failed send is a
/// line on standard error, and the journal still has the run.
/// </summary>
public static class WorkaroundCounters
{
    public const string Executed = "executed";
    public const string RefusedExpired = "refused_expired";
    public const string Failed = "failed";

    public static void Count(StatsDTarget target, string prefix, string environment, string cell, string tracker, string counter, TextWriter stderr)
    {
        string line = MetricNames.Workaround(prefix, environment, cell, tracker, counter) + ":1|c";
        try
        {
            using StatsDSender sender = StatsDSender.Connect(target);
            foreach (byte[] payload in Datagrams.Pack([line]).Payloads)
            {
                sender.Send(payload);
            }

            sender.Confirm();
        }
        catch (SendFailedException error)
        {
            stderr.WriteLine($"{RemedyCli.Program}: {error.Message}; {line} not counted");
        }
    }
}
