using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

/// <summary>The first line, long output and state of a report: every judgement a result, the state and summary derived from all of them.</summary>
public class ReportTests
{
    private static readonly Threshold DepthLimits = Threshold.Of(Range.Parse("100"), Range.Parse("1000"));

    [Fact]
    public void Ok_report_prints_the_ok_summary_and_perfdata()
    {
        var report = new Report { OkSummary = "3 queues" };
        report.Add(new Metric("deepest", 5, Threshold: DepthLimits, Min: 0));
        Assert.Equal(Status.Ok, report.Status);
        Assert.Equal("QUEUES OK - 3 queues | deepest=5;100;1000;0\n", report.Render("QUEUES"));
    }

    [Fact]
    public void State_is_the_worst_metric_and_the_summary_names_each_problem_worst_first()
    {
        var report = new Report { OkSummary = "unused" };
        report.Add(new Metric("idle", 2, Threshold: Threshold.Of(Range.Parse("0"), null), Text: "2 queues idle"));
        report.Add(new Metric("deepest", 1500, Threshold: DepthLimits, Text: "deepest holds 1500"));
        Assert.Equal(Status.Critical, report.Status);
        Assert.Equal("deepest holds 1500 (critical 1000); 2 queues idle (warning 0)", report.Summary());
    }

    [Fact]
    public void A_declared_state_joins_the_metrics_and_leads_the_summary()
    {
        var report = new Report();
        report.Add(new Metric("queues", 0));
        report.Declare(Status.Unknown, "no queue matches '^compute'");
        Assert.Equal(Status.Unknown, report.Status);
        Assert.StartsWith("QUEUES UNKNOWN - no queue matches '^compute' | queues=0", report.Render("QUEUES"));
    }

    [Theory]
    [InlineData(Status.Critical, Status.Unknown)]
    [InlineData(Status.Unknown, Status.Critical)]
    public void An_unknown_is_never_hidden_by_a_critical_declared_before_or_after_it(Status first, Status second)
    {
        var report = new Report();
        report.Declare(first, $"{first} text").Declare(second, $"{second} text");
        Assert.Equal(Status.Critical, report.Status);
        Assert.Equal("Critical text; Unknown text", report.Summary());
        Assert.Equal([first, second], report.Results.Select(r => r.Status));
    }

    [Fact]
    public void A_declared_ok_words_the_quiet_case_instead_of_the_ok_summary()
    {
        var report = new Report { OkSummary = "3 queues" };
        report.Add(new Metric("queues", 0)).Declare(Status.Ok, "no queue matches, as allowed");
        Assert.Equal(Status.Ok, report.Status);
        Assert.Equal("no queue matches, as allowed", report.Summary());
        Assert.Equal(Status.Unknown, new Report().Declare(Status.Ok, "fine").Declare(Status.Unknown, "unread").Status);
    }

    [Fact]
    public void A_detail_metric_is_judged_like_any_other()
    {
        var report = new Report { OkSummary = "fine" };
        report.AddDetailMetric(new Metric("compute.a", 1500, Threshold: DepthLimits, Text: "compute.a holds 1500"));
        Assert.Equal(Status.Critical, report.Status);
        Assert.Equal("X CRITICAL - compute.a holds 1500 (critical 1000)\n| compute.a=1500;100;1000\n", report.Render("X"));
    }

    [Fact]
    public void Long_output_follows_the_first_line_and_extra_perfdata_comes_after_a_bar()
    {
        var report = new Report { OkSummary = "fine" };
        report.Add(new Metric("queues", 2));
        report.Detail("compute.a: 3 messages").Detail("compute.b: 1 messages");
        report.AddDetailMetric(new Metric("compute.a", 3)).AddDetailMetric(new Metric("compute.b", 1));
        string[] lines = report.Render("QUEUES").Split('\n');
        Assert.Equal(["QUEUES OK - fine | queues=2", "compute.a: 3 messages", "compute.b: 1 messages", "| compute.a=3 compute.b=1", ""], lines);
    }

    [Fact]
    public void A_capped_list_names_the_first_items_and_counts_the_rest()
    {
        var report = new Report { OkSummary = "fine" };
        report.DetailList("orphan ports", 5, ["p1", "p2"]).DetailList("empty category", 0, []).DetailList("all shown", 1, ["v1"]);
        Assert.Equal("X OK - fine\norphan ports (5):\n  p1\n  p2\n  ... and 3 more\nall shown (1):\n  v1\n", report.Render("X"));
    }

    [Fact]
    public void Text_never_carries_a_bar_or_a_line_break()
    {
        var report = new Report { OkSummary = "a|b\nc" };
        report.Detail("d|e");
        Assert.Equal("X OK - a/b c\nd/e\n", report.Render("X"));
    }
}
