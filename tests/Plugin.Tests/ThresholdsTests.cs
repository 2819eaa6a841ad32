using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

public class ThresholdsTests
{
    [Theory]
    [InlineData(0, Status.Ok)]
    [InlineData(5, Status.Warning)]
    [InlineData(11, Status.Critical)]
    public void Critical_is_judged_before_warning(double value, Status expected)
    {
        var thresholds = new Thresholds(Range.Parse("~:0"), Range.Parse("10"));
        Assert.Equal(expected, thresholds.Evaluate(value));
    }

    [Fact]
    public void No_ranges_never_alert()
    {
        Assert.Equal(Status.Ok, Thresholds.None.Evaluate(double.MaxValue));
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
