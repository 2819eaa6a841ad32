using System.Text;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Counting;

/// <summary>
/// StatsD metric names: parts of <c>[A-Za-z0-9_-]</c> joined by dots, so a
/// host's FQDN or a service description with spaces becomes one part. An event is named
/// <c>PREFIX.ENV.CELL.CLASS.KIND.HOST[.SERVICE][.TYPE].STATE</c>, e.g.
/// <c>stackfsck.prod.cell1.cell.service_alert.cmp001_example_net.nova-compute.HARD.CRITICAL</c>.
/// </summary>
public static class MetricNames
{
    /// <summary>
    /// The prefix of every metric when <c>--prefix</c> is not given, the same for the alert senders and
    /// stackfsck-remedy, so a workaround's <c>.handler</c> and <c>.executed</c> sit in one Graphite tree.
    /// </summary>
    public const string DefaultPrefix = "stackfsck";

    public static string For(string prefix, Placement where, EventKey key)
    {
        var name = new StringBuilder(prefix);
        foreach (string part in new[] { where.Environment, where.Cell, where.ServerClass, KindPart(key.Kind), key.Host, key.Service, key.Type, key.State })
        {
            if (part.Length > 0)
            {
                name.Append('.').Append(Part(part));
            }
        }

        return name.ToString();
    }

    /// <summary>
    /// A workaround's counter: <c>PREFIX.ENV.CELL.workaround.TRACKER.COUNTER</c>, e.g.
    /// <c>stackfsck.prod.cell1.workaround.OPS-1234.executed</c> (TRACKER from <see cref="Workaround.TrackerOf"/>).
    /// </summary>
    public static string Workaround(string prefix, string environment, string cell, string tracker, string counter) =>
        string.Join('.', new[] { Prefix(prefix), Part(environment), Part(cell), "workaround", Part(tracker), Part(counter) }.Where(part => part.Length > 0));

    /// <summary>A metric name prefix as given (<c>stackfsck.alerts</c>): its dots stay separators, each part is cleaned.</summary>
    public static string Prefix(string prefix) =>
        string.Join('.', prefix.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Part));

    /// <summary>One name part: every character outside <c>[A-Za-z0-9_-]</c> (dots included) becomes <c>_</c>.</summary>
    public static string Part(string text) =>
        text.Length == 0 ? "_" : string.Create(text.Length, text, static (chars, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                chars[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_';
            }
        });

    private static string KindPart(EventKind kind) => kind switch
    {
        EventKind.ServiceAlert => "service_alert",
        EventKind.HostAlert => "host_alert",
        EventKind.ServiceNotification => "service_notification",
        EventKind.HostNotification => "host_notification",
        EventKind.ServiceFlapping => "service_flapping",
        EventKind.HostFlapping => "host_flapping",
        EventKind.ServiceDowntime => "service_downtime",
        EventKind.ServiceAlertHostDown => "service_alert_host_down",
        EventKind.ServiceEventHandler => "service_event_handler",
        EventKind.HostEventHandler => "host_event_handler",
        _ => "host_downtime",
    };
}
