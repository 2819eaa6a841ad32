using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>Options holding a count of something (days, seconds, attempts, lines): never negative, and bounded.</summary>
public static class CountOption
{
    /// <summary>
    /// An <c>int</c> option, or an <c>int?</c> one for a setting that is off unless given, that
    /// refuses a value outside <paramref name="minimum"/>..<paramref name="maximum"/> as a bad
    /// argument and states that range in --help; <paramref name="fallback"/> is its default.
    /// </summary>
    public static Option<T> Create<T>(string name, string description, string helpName, T? fallback = default, int minimum = 0, int maximum = int.MaxValue)
    {
        var option = new Option<T>(name)
        {
            Description = ValueParsers.WithRange(description, minimum, maximum),
            HelpName = helpName,
            Parser = text => (T)(object)Parse(text, minimum, maximum),
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = () => fallback;
        }

        return option;
    }

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; <see cref="FormatException"/> otherwise.</summary>
    public static int Parse(string text, int minimum = 0, int maximum = int.MaxValue) =>
        ValueParsers.Integer(text, minimum, maximum);
}
