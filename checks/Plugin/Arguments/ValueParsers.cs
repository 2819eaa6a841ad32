using System.Globalization;

namespace StackFsck.Plugin.Arguments;

/// <summary>How an option reads a string or a number when it has no parser of its own: invariant culture, one clear message.</summary>
public static class ValueParsers
{
    public static int Integer(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"'{text}' is not a whole number");

    public static double Decimal(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"'{text}' is not a number");

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
}
