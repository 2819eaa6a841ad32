using System.Text.RegularExpressions;

namespace StackFsck.Alerts.Tests;

/// <summary><c>confgen alerts report</c>: the tables an operator tunes thresholds with, over a window of the log and its archives.</summary>
public class ReportTests : IDisposable
{
    private readonly LogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_chattiest_services_hosts_and_workarounds_of_the_window_come_first()
    {
        // 2025-11-20 12:00 UTC = 1763640000; the window is that day.
        _folder.Append(Alerts("cmp101.cell1.prod.example.net", "nova-compute", 2, 1763640000));
        _folder.Append("[1763550000] SERVICE ALERT: cmp103.cell1.prod.example.net;libvirtd;CRITICAL;HARD;3;before the window");
        _folder.Rotate();
        _folder.Append(Alerts("cmp102.cell1.prod.example.net", "nova-compute", 2, 1763643600));
        _folder.Append(Alerts("db-global.prod.example.net", "keystone_revocations", 3, 1763647200));
        _folder.Append("[1763647300] SERVICE ALERT: cmp101.cell1.prod.example.net;nova-compute;CRITICAL;SOFT;1;soft: not counted");

        CheckRun run = ConfgenAlerts.Run(
            "report", "-i", ConfgenAlerts.Inventory, "-T", ConfgenAlerts.Templates, "--log", _folder.Log, "--since", "2025-11-20", "--until", "2025-11-21");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("HARD only): 7 events", run.Stdout);
        List<string> services = Rows(run.Stdout, "Chattiest services");
        Assert.Equal(["4 2 nova-compute", "3 1 keystone_revocations"], services);
        List<string> hosts = Rows(run.Stdout, "Chattiest hosts");
        Assert.Equal("3 db-global.prod.example.net prod global global", hosts[0]);
        Assert.Equal(3, hosts.Count);
        Assert.StartsWith("3 keystone_revocations yes 2027-03-31 https://tracker.example.net/OPS-1234", Rows(run.Stdout, "Workarounds that fired most")[0]);
    }

    [Fact]
    public void A_window_without_alerts_says_none()
    {
        _folder.Append(Alerts("cmp101.cell1.prod.example.net", "nova-compute", 2, 1763640000));
        CheckRun run = ConfgenAlerts.Run(
            "report", "-i", ConfgenAlerts.Inventory, "-T", ConfgenAlerts.Templates, "--log", _folder.Log, "--since", "2024-01-01", "--until", "2024-01-02");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["(none)"], Rows(run.Stdout, "Chattiest services"));
    }

    private static string[] Alerts(string host, string service, int count, long at) =>
        Enumerable.Range(0, count).Select(i => $"[{at + i}] SERVICE ALERT: {host};{service};CRITICAL;HARD;3;down").ToArray();

    /// <summary>The rows under a table's title (after its header), cells joined by one space.</summary>
    private static List<string> Rows(string stdout, string title) =>
        stdout.Split('\n').SkipWhile(line => line != title).Skip(2).TakeWhile(line => line.Length > 0)
            .Select(line => Regex.Replace(line.Trim(), " +", " ")).ToList();
}
