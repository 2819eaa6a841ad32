using StackFsck.Alerts.Counting;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Confgen.Audit;

/// <summary>How often Nagios ran the event handlers of each service (by description), over the last 7 and 30 days of the log.</summary>
public sealed record HandlerRuns(IReadOnlyDictionary<string, long> Week, IReadOnlyDictionary<string, long> Month)
{
    public static HandlerRuns Read(string logPath, string archiveFolder, DateTimeOffset end) =>
        new(PerService(logPath, archiveFolder, end.AddDays(-7), end), PerService(logPath, archiveFolder, end.AddDays(-30), end));

    private static Dictionary<string, long> PerService(string logPath, string archiveFolder, DateTimeOffset since, DateTimeOffset end) =>
        WindowCount.Read(logPath, archiveFolder, since, end, includeSoft: true, out _).Counts()
            .Where(count => count.Key.Kind == EventKind.ServiceEventHandler)
            .GroupBy(count => count.Key.Service, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(count => count.Count), StringComparer.Ordinal);
}
