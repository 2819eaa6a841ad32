using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Tests;

/// <summary>Numbers from the command line: finite, in their range, or one message saying the range.</summary>
public class ValueParsersTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("")]
    public void Decimals_must_be_plain_finite_numbers(string text)
    {
        FormatException error = Assert.Throws<FormatException>(() => ValueParsers.Decimal(text));
        Assert.Equal($"'{text}' is not a number", error.Message);
    }

    [Fact]
    public void Four_hundred_digits_are_not_rounded_to_infinity()
    {
        Assert.Throws<FormatException>(() => ValueParsers.Decimal(new string('9', 400)));
    }

    [Theory]
    [InlineData("-1", 0, int.MaxValue, "-1 is out of range: give 0 or more")]
    [InlineData("70000", 1, 65535, "70000 is out of range: give 1 to 65535")]
    [InlineData("99999999999", 0, int.MaxValue, "99999999999 is out of range: give 0 or more")]
    [InlineData("99999999999999999999999", 1, 65535, "99999999999999999999999 is out of range: give 1 to 65535")]
    [InlineData("5.5", 0, 10, "'5.5' is not a whole number")]
    public void Whole_numbers_outside_their_range_say_the_range(string text, int minimum, int maximum, string message)
    {
        FormatException error = Assert.Throws<FormatException>(() => ValueParsers.Integer(text, minimum, maximum));
        Assert.Equal(message, error.Message);
    }
}
