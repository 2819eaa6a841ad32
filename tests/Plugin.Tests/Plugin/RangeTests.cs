using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

/// <summary>Every row of the range table in the README (the plugin contract), plus the malformed ranges a user may type.</summary>
public class RangeTests
{
    [Theory]
    [InlineData("10", -1, true)]
    [InlineData("10", 0, false)]
    [InlineData("10", 10, false)]
    [InlineData("10", 11, true)]
    [InlineData("10:", 9.99, true)]
    [InlineData("10:", 10, false)]
    [InlineData("10:", 1e6, false)]
    [InlineData("~:10", -1000, false)]
    [InlineData("~:10", 10, false)]
    [InlineData("~:10", 10.1, true)]
    [InlineData("10:20", 9, true)]
    [InlineData("10:20", 10, false)]
    [InlineData("10:20", 20, false)]
    [InlineData("10:20", 21, true)]
    [InlineData("@10:20", 10, true)]
    [InlineData("@10:20", 15, true)]
    [InlineData("@10:20", 20, true)]
    [InlineData("@10:20", 21, false)]
    [InlineData("-5:-1", -3, false)]
    [InlineData("-5:-1", 0, true)]
    [InlineData("0.5:1.5", 1.6, true)]
    [InlineData("~:", -1e300, false)]
    [InlineData("~:", 1e300, false)]
    public void Alerts_outside_the_range_or_inside_with_at(string range, double value, bool alerts)
    {
        Assert.Equal(alerts, Range.Parse(range).Alerts(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("abc")]
    [InlineData("10:5")]
    [InlineData("1e3")]
    [InlineData("5:x")]
    [InlineData("10,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity:5")]
    [InlineData("5:NaN")]
    [InlineData("@~:Infinity")]
    public void Rejects_malformed_ranges_with_a_reason(string range)
    {
        FormatException error = Assert.Throws<FormatException>(() => Range.Parse(range));
        Assert.Contains(range.Length == 0 ? "empty" : "'", error.Message);
    }

    [Fact]
    public void Keeps_the_text_as_written_for_perfdata()
    {
        Assert.Equal("@10:20", Range.Parse(" @10:20 ").Text);
    }
}
