using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

/// <summary>--grace takes seconds or a number with a unit, as operators write durations.</summary>
public class GraceOptionTests
{
    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("90s", 90)]
    [InlineData("90m", 5400)]
    [InlineData("2h", 7200)]
    [InlineData("1.5d", 129600)]
    [InlineData("0", 0)]
    public void Durations_read_as_seconds(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), GraceOption.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("2w")]
    [InlineData("-5m")]
    public void Anything_else_is_an_argument_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => GraceOption.Parse(text));
        Assert.Contains("is not a duration", error.Message);
    }
}
