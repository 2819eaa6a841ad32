using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>Options holding a count of something (days, seconds, attempts, lines): never negative.</summary>
public static class CountOption
{
    /// <summary>
    /// An <c>int</c> option, or an <c>int?</c> one for a setting that is off unless given, that
    /// refuses a negative value as a bad argument; <paramref name="fallback"/> is its default.
    /// </summary>
    public static Option<T> Create<T>(string name, string description, string helpName, T? fallback = default)
    {
        var option = new Option<T>(name) { Description = description, HelpName = helpName, Parser = text => (T)(object)Parse(text) };
        if (fallback is not null)
        {
            option.DefaultValueFactory = () => fallback;
        }

        return option;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>; <see cref="FormatException"/> otherwise.</summary>
    public static int Parse(string text, int minimum = 0) => ValueParsers.Integer(text) is var value && value >= minimum
        ? value
        : throw new FormatException(minimum == 0 ? $"{text} is negative: give 0 or more" : $"{text} is too small: give {minimum} or more");
}
