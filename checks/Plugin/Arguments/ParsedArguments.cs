namespace StackFsck.Plugin.Arguments;

/// <summary>The options of one run, read and checked: every option has its value (given or default) before the check starts.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<Option, object?> _values;
    private readonly Dictionary<Option, int> _counts;

    internal ParsedArguments(Dictionary<Option, object?> values, Dictionary<Option, int> counts)
    {
        _values = values;
        _counts = counts;
    }

    /// <summary>The option's value; the option's default when it is not part of this command line at all.</summary>
    public T GetValue<T>(Option<T> option) =>
        (T)(_values.TryGetValue(option, out object? value) ? value : option.DefaultValue())!;

    /// <summary>How many times the option was given: <c>-vvv</c> counts 3.</summary>
    public int Count(Option option) => _counts.GetValueOrDefault(option);

    /// <summary>The first required option that was not given, or null.</summary>
    public Option? MissingRequired()
    {
        foreach (Option option in _values.Keys)
        {
            if (option.Required && Count(option) == 0)
            {
                return option;
            }
        }

        return null;
    }
}
