using System.Text;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.LogLines;
using StackFsck.Alerts.Report;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Alerts.Tests;

public class StatsDPartsTests
{
    [Fact]
    public void Metric_names_keep_dots_as_separators_only()
    {
        var key = new EventKey(EventKind.ServiceAlert, "cmp1.cell1.example.net", "Disk /var: 90%", "HARD", "CRITICAL");
        string name = MetricNames.For(MetricNames.Prefix(" nagios..alerts "), new Placement("prod", "cell 1", "cell"), key);
        Assert.Equal("nagios.alerts.prod.cell_1.cell.service_alert.cmp1_cell1_example_net.Disk__var__90_.HARD.CRITICAL", name);
    }

    [Fact]
    public void Host_events_and_flapping_have_no_empty_parts()
    {
        Assert.Equal("n.e.c.k.host_alert.h.HARD.DOWN", MetricNames.For("n", new Placement("e", "c", "k"), new EventKey(EventKind.HostAlert, "h", "", "HARD", "DOWN")));
        Assert.Equal("n.e.c.k.service_flapping.h.s.STARTED", MetricNames.For("n", new Placement("e", "c", "k"), new EventKey(EventKind.ServiceFlapping, "h", "s", "", "STARTED")));
    }

    [Theory]
    [InlineData("https://tracker.example.net/browse/OPS-1234", "OPS-1234")]
    [InlineData("https://bugs.launchpad.net/nova/+bug/1987654/", "1987654")]
    [InlineData("https://tracker.example.net/issues/42?focus=comments#c3", "42")]
    [InlineData("https://tracker.example.net", "https://tracker.example.net")]
    public void A_workaround_is_counted_under_the_last_path_element_of_its_tracker_link(string link, string tracker) =>
        Assert.Equal(tracker, Workaround.TrackerOf(link));

    [Fact]
    public void Workaround_counters_are_named_by_environment_cell_and_a_graphite_safe_tracker_id()
    {
        Assert.Equal("stackfsck.prod.cell1.workaround.OPS-1234.executed", MetricNames.Workaround("stackfsck", "prod", "cell1", "OPS-1234", "executed"));
        Assert.Equal("a.b.prod.cell_1.workaround.bug_12_3.handler", MetricNames.Workaround("a.b", "prod", "cell 1", "bug:12.3", "handler"));
    }

    [Fact]
    public void Datagrams_hold_whole_lines_and_never_exceed_1432_bytes()
    {
        List<string> lines = Enumerable.Range(0, 500).Select(i => $"nagios.prod.cell1.cell.service_alert.host{i}.svc.HARD.CRITICAL:{i}|c").ToList();
        Datagrams packed = Datagrams.Pack(lines);
        Assert.All(packed.Payloads, payload => Assert.InRange(payload.Length, 1, Datagrams.MaxBytes));
        Assert.Equal(lines, packed.Payloads.SelectMany(p => Encoding.UTF8.GetString(p).Split('\n')));
        Assert.True(packed.Payloads.Count > 1 && packed.Payloads.Count <= 1 + (lines.Sum(l => l.Length + 1) / (Datagrams.MaxBytes - 100)));
    }

    [Fact]
    public void A_metric_longer_than_a_datagram_is_set_aside_not_sent()
    {
        string huge = new string('a', 1500) + ":1|c";
        Datagrams packed = Datagrams.Pack(["a:1|c", huge, "b:1|c"]);
        Assert.Equal([huge], packed.TooLong);
        Assert.Equal("a:1|c\nb:1|c", Encoding.UTF8.GetString(packed.Payloads.Single()));
    }

    [Theory]
    [InlineData("statsd.example.net", "statsd.example.net:8125")]
    [InlineData("127.0.0.1:9125", "127.0.0.1:9125")]
    [InlineData("[::1]:9125", "[::1]:9125")]
    public void StatsD_targets_default_to_port_8125(string text, string expected) =>
        Assert.Equal(expected, StatsDTarget.Parse(text).ToString());

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:http")]
    [InlineData(":8125")]
    public void Bad_StatsD_targets_are_refused(string text) =>
        Assert.Throws<FormatException>(() => StatsDTarget.Parse(text));

    [Fact]
    public void Report_windows_take_ages_and_dates()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddHours(-24), WindowTime.Parse("24h", now));
        Assert.Equal(now.AddDays(-14), WindowTime.Parse("2w", now));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), WindowTime.Parse("2026-11-20T06:00", now));
        Assert.Equal(now.AddHours(-36), WindowTime.Parse("1.5d", now));
        var error = Assert.Throws<FormatException>(() => WindowTime.Parse("yesterday", now));
        Assert.Contains("is not a duration (seconds, or a number with s, m, h, d or w), nor a date or time", error.Message);
    }
}
