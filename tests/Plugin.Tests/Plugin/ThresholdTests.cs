using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Tests;

public class ThresholdTests
{
    [Theory]
    [InlineData(0, Status.Ok)]
    [InlineData(5, Status.Warning)]
    [InlineData(11, Status.Critical)]
    public void Critical_is_judged_before_warning(double value, Status expected)
    {
        var threshold = Threshold.Of(Range.Parse("~:0"), Range.Parse("10"));
        Assert.Equal(expected, threshold.Evaluate(value));
    }

    [Fact]
    public void A_declared_threshold_names_its_options_and_reads_the_given_ranges_or_its_defaults()
    {
        Threshold depth = Threshold.Named("depth", "the depth", warning: "100");
        var line = new CommandLine(depth.Options);
        Assert.Equal(["--warning-depth", "--critical-depth"], depth.Options.Select(o => o.Name));

        Threshold defaults = depth.Read(line.Parse([]));
        Threshold given = depth.Read(line.Parse(["--critical-depth", "@5:10"]));
        Assert.Equal(("100", null), (defaults.Warning?.Text, defaults.Critical?.Text));
        Assert.Equal(Status.Critical, given.Evaluate(7));
        Assert.Equal(Status.Warning, given.Evaluate(101));
        Threshold plain = Threshold.Main("the value");
        Assert.False(plain.Read(new CommandLine(plain.Options).Parse([])).HasRange);
    }

    [Fact]
    public void A_declaration_judged_before_the_command_line_is_read_is_a_mistake_not_a_silent_ok()
    {
        Threshold depth = Threshold.Main("the depth", critical: "0");
        Assert.Throws<InvalidOperationException>(() => depth.Evaluate(1));
    }

    [Fact]
    public void No_ranges_never_alert()
    {
        Assert.Equal(Status.Ok, Threshold.None.Evaluate(double.MaxValue));
    }

    [Theory]
    [InlineData(Status.Critical, Status.Warning, Status.Critical)]
    [InlineData(Status.Warning, Status.Unknown, Status.Warning)]
    [InlineData(Status.Unknown, Status.Ok, Status.Unknown)]
    [InlineData(Status.Ok, Status.Ok, Status.Ok)]
    public void Worst_state_prefers_a_confirmed_problem_over_unknown(Status a, Status b, Status worst)
    {
        Assert.Equal(worst, a.Worst(b));
        Assert.Equal(worst, b.Worst(a));
    }

    [Theory]
    [InlineData("critical", Status.Critical)]
    [InlineData("WARNING", Status.Warning)]
    [InlineData("0", Status.Ok)]
    [InlineData("Unknown", Status.Unknown)]
    public void States_are_read_by_name_or_number(string text, Status expected)
    {
        Assert.True(StatusExtensions.TryParse(text, out Status status));
        Assert.Equal(expected, status);
    }

    [Fact]
    public void An_unknown_state_name_is_refused()
    {
        Assert.False(StatusExtensions.TryParse("BROKEN", out _));
    }
}
