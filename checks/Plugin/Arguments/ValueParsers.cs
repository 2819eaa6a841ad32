using System.Globalization;

namespace StackFsck.Plugin.Arguments;

/// <summary>
/// How an option reads a number or a string: invariant culture, finite numbers only (the plugin
/// guidelines know no NaN or infinity), an optional range, and one clear message for the user.
/// </summary>
public static class ValueParsers
{
    private const NumberStyles PlainDecimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static int Integer(string text) => Integer(text, int.MinValue, int.MaxValue);

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; <see cref="FormatException"/> otherwise.</summary>
    public static int Integer(string text, int minimum, int maximum)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw IsDigits(text) ? OutOfRange(text, minimum, maximum) : new FormatException($"'{text}' is not a whole number");
        }

        return value >= minimum && value <= maximum ? (int)value : throw OutOfRange(text, minimum, maximum);
    }

    public static double Decimal(string text) => Decimal(text, double.MinValue, double.MaxValue);

    /// <summary>A finite number from <paramref name="minimum"/> to <paramref name="maximum"/>; <see cref="FormatException"/> otherwise.</summary>
    public static double Decimal(string text, double minimum, double maximum)
    {
        // double.TryParse takes "NaN", "Infinity" and rounds 400 digits to infinity whatever the
        // styles say: only a finite result is a number here.
        if (!double.TryParse(text, PlainDecimal, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new FormatException($"'{text}' is not a number");
        }

        return value >= minimum && value <= maximum ? value : throw OutOfRange(text, minimum, maximum);
    }

    /// <summary>How help texts and messages state a range: "1 to 65535", "0 or more"; empty for any number.</summary>
    public static string Between(double minimum, double maximum) =>
        maximum < int.MaxValue ? $"{Shown(minimum)} to {Shown(maximum)}"
        : minimum > int.MinValue ? $"{Shown(minimum)} or more"
        : "";

    /// <summary>A help text with its range: "management API port (1 to 65535)".</summary>
    public static string WithRange(string description, double minimum, double maximum) =>
        $"{description} ({Between(minimum, maximum)})";

    /// <summary>The reader for <typeparamref name="T"/>; a type without one is a mistake in the check, caught by its first test.</summary>
    internal static Func<string, T> For<T>(string option)
    {
        object? parser =
            typeof(T) == typeof(string) ? (Func<string, string>)(text => text)
            : typeof(T) == typeof(int) ? (Func<string, int>)Integer
            : typeof(T) == typeof(int?) ? (Func<string, int?>)(text => Integer(text))
            : typeof(T) == typeof(double) ? (Func<string, double>)Decimal
            : typeof(T) == typeof(double?) ? (Func<string, double?>)(text => Decimal(text))
            : null;
        return parser as Func<string, T>
            ?? throw new InvalidOperationException($"option {option} holds a {typeof(T).Name} and needs a Parser");
    }

    private static FormatException OutOfRange(string text, double minimum, double maximum) =>
        new(Between(minimum, maximum) is { Length: > 0 } range ? $"{text} is out of range: give {range}" : $"{text} is out of range");

    /// <remarks>
    /// Whole numbers (every range a check declares) skip the custom format: help texts are built
    /// with the options at every start, and formatting a double through "0.###" was 1 % of a
    /// one-GET run (perf).
    /// </remarks>
    private static string Shown(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool IsDigits(string text) => text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit);
}
