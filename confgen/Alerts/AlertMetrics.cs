using System.Globalization;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts;

/// <summary>Turns what a run counted into StatsD counter lines, named by where each host sits.</summary>
public static class AlertMetrics
{
    /// <summary>
    /// <c>name:count|c</c> lines, sorted by name: one per event name (names that clean up to the
    /// same text are added together), then the reader's own counters under <c>PREFIX.alerts_reader</c>.
    /// Event handler runs are counted per workaround: <c>PREFIX.ENV.CELL.workaround.TRACKER.handler</c>
    /// (<see cref="HandlerCommands.TrackerOf"/>).
    /// </summary>
    public static IReadOnlyList<string> Lines(AlertCounter counter, IAlertInventory inventory, string prefix)
    {
        string cleanPrefix = MetricNames.Prefix(prefix);
        var byName = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach ((EventKey key, long count) in counter.Counts())
        {
            Placement where = inventory.PlacementOf(key.Host) ?? Placement.Unmapped;
            string name = key.Kind is EventKind.ServiceEventHandler or EventKind.HostEventHandler
                ? MetricNames.Workaround(cleanPrefix, where.Environment, where.Cell, HandlerCommands.TrackerOf(key.Type), "handler")
                : MetricNames.For(cleanPrefix, where, key);
            byName[name] = byName.GetValueOrDefault(name) + count;
        }

        byName[cleanPrefix + ".alerts_reader.lines"] = counter.Lines;
        byName[cleanPrefix + ".alerts_reader.malformed"] = counter.Malformed;
        return byName.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}:{pair.Value}|c")).ToList();
    }
}
