using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

/// <summary>One duration grammar: read as operators write durations, written back as they read them.</summary>
public class DurationTests
{
    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("90s", 90)]
    [InlineData("90m", 5400)]
    [InlineData("2h", 7200)]
    [InlineData("1.5d", 129600)]
    [InlineData("0", 0)]
    [InlineData("3650d", 315360000)]
    [InlineData("2w", 1209600)]
    public void Durations_read_as_seconds(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));
    }

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("h", "is not a duration")]
    [InlineData("2y", "is not a duration")]
    [InlineData("-5m", "is not a duration")]
    [InlineData("3651d", "is longer than ten years")]
    public void Anything_else_is_an_argument_error(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Duration.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("1d", "1 d")]
    [InlineData("36h", "36 h")]
    [InlineData("90m", "90 min")]
    [InlineData("90s", "90 s")]
    public void A_given_duration_is_written_exactly_in_its_largest_whole_unit(string given, string written)
    {
        Assert.Equal(written, Duration.Text(Duration.Parse(given)));
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(725, "12 min")]
    [InlineData(11100, "3 h 5 min")]
    [InlineData(187200, "2 d 4 h")]
    public void A_measured_age_is_written_in_two_units_at_most(long seconds, string written)
    {
        Assert.Equal(written, Duration.Age(seconds));
    }
}
