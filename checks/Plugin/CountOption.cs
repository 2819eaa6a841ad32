using System.CommandLine;

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
        var option = new Option<T>(name) { Description = description, HelpName = helpName };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is int value && value < 0)
            {
                result.AddError($"{name} must not be negative");
            }
        });
        return option;
    }
}
