using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

/// <summary>The Nagios perfdata format, as graphing add-ons parse it.</summary>
public class PerfdataTests
{
    private static readonly Threshold WarnCrit = Threshold.Of(Range.Parse("100"), Range.Parse("@1000:"));

    [Fact]
    public void Writes_value_unit_ranges_min_and_max()
    {
        var metric = new Metric("latency", 12.5, "ms", WarnCrit, 0, 60000);
        Assert.Equal("latency=12.5ms;100;@1000:;0;60000", Perfdata.Format(metric));
    }

    [Fact]
    public void Drops_trailing_empty_fields()
    {
        Assert.Equal("queues=412", Perfdata.Format(new Metric("queues", 412)));
        Assert.Equal("rows=3;;5", Perfdata.Format(new Metric("rows", 3, Threshold: Threshold.Of(null, Range.Parse("5")))));
    }

    [Fact]
    public void Unknown_value_is_U_without_unit()
    {
        Assert.Equal("p99=U;;;0", Perfdata.Format(new Metric("p99", null, "ms", Min: 0)));
    }

    [Theory]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "0")]
    [InlineData(0.1234567, "0.123457")]
    [InlineData(-3, "-3")]
    [InlineData(double.NaN, "U")]
    public void Numbers_are_plain_decimals_never_exponents(double value, string expected)
    {
        Assert.Equal(expected, Perfdata.Number(value));
    }

    [Theory]
    [InlineData("deepest queue", "'deepest queue'")]
    [InlineData("a=b", "a_b")]
    [InlineData("it's", "it_s")]
    [InlineData("a|b", "a_b")]
    public void Labels_are_quoted_or_cleaned(string label, string expected)
    {
        Assert.Equal(expected, Perfdata.Label(label));
    }

    [Fact]
    public void Refuses_a_unit_Nagios_does_not_know()
    {
        Assert.Throws<ArgumentException>(() => Perfdata.Format(new Metric("x", 1, "furlongs")));
    }
}
