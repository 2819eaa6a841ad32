using System.Globalization;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Report;

/// <summary>
/// The tables of <c>confgen alerts report</c>, from alert counts (SERVICE and HOST ALERT lines):
/// the services that alert most (across hosts: a threshold to tune), the hosts that alert most,
/// and the workarounds whose services alert most (or never: perhaps no longer needed).
/// </summary>
public static class AlertTables
{
    public static IEnumerable<TextTable> Build(IEnumerable<(EventKey Key, long Count)> counts, IAlertInventory inventory, int top)
    {
        var alerts = counts.Where(c => c.Key.Kind is EventKind.ServiceAlert or EventKind.HostAlert).ToList();
        yield return Services(alerts, top);
        yield return Hosts(alerts, inventory, top);
        yield return Workarounds(alerts, inventory, top);
    }

    private static TextTable Services(List<(EventKey Key, long Count)> alerts, int top)
    {
        var table = new TextTable("Chattiest services", "alerts", "hosts", "service");
        foreach (var service in alerts.Where(a => a.Key.Kind == EventKind.ServiceAlert)
            .GroupBy(a => a.Key.Service)
            .Select(g => (Name: g.Key, Count: g.Sum(a => a.Count), Hosts: g.Select(a => a.Key.Host).Distinct().Count()))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).Take(top))
        {
            table.Add(Number(service.Count), Number(service.Hosts), service.Name);
        }

        return table;
    }

    private static TextTable Hosts(List<(EventKey Key, long Count)> alerts, IAlertInventory inventory, int top)
    {
        var table = new TextTable("Chattiest hosts", "alerts", "host", "environment", "cell", "class");
        foreach (var host in alerts.GroupBy(a => a.Key.Host)
            .Select(g => (Name: g.Key, Count: g.Sum(a => a.Count)))
            .OrderByDescending(h => h.Count).ThenBy(h => h.Name, StringComparer.Ordinal).Take(top))
        {
            Placement where = inventory.PlacementOf(host.Name) ?? Placement.Unmapped;
            table.Add(Number(host.Count), host.Name, where.Environment, where.Cell, where.ServerClass);
        }

        return table;
    }

    private static TextTable Workarounds(List<(EventKey Key, long Count)> alerts, IAlertInventory inventory, int top)
    {
        var table = new TextTable("Workarounds that fired most", "alerts", "service", "diagnosed", "expires", "issue", "defined on");
        foreach (var fired in inventory.Workarounds
            .Select(w => (Workaround: w, Count: alerts.Where(a => Matches(w, a.Key)).Sum(a => a.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Workaround.Service, StringComparer.Ordinal).Take(top))
        {
            Workaround w = fired.Workaround;
            table.Add(Number(fired.Count), w.Service, w.Diagnosed ? "yes" : "no", w.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Link, string.Join(' ', w.Where));
        }

        return table;
    }

    private static bool Matches(Workaround workaround, EventKey key) =>
        key.Kind == EventKind.ServiceAlert && key.Service == workaround.Service;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
