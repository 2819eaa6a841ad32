using System.CommandLine;
using System.CommandLine.Parsing;

namespace StackFsck.Plugin;

/// <summary>The options every check has, spelled the same everywhere: -t, -v, -V (and -h from System.CommandLine).</summary>
public static class CommonOptions
{
    public static Option<TimeoutSetting> Timeout() => new("--timeout", "-t")
    {
        Description = "seconds the whole run may take, optionally with the state to exit with (10:CRITICAL)",
        HelpName = "SECONDS[:STATE]",
        DefaultValueFactory = _ => TimeoutSetting.Default,
        CustomParser = result => Parse(result, TimeoutSetting.Parse) ?? TimeoutSetting.Default,
    };

    /// <summary>Counted: -v, -vv or -v -v -v raise the detail written to standard error.</summary>
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "more detail on standard error; repeat up to three times (-vvv)",
        Arity = ArgumentArity.Zero,
    };

    public static Option<bool> Version() => new("--version", "-V")
    {
        Description = "print the version and exit",
        Arity = ArgumentArity.Zero,
    };

    /// <summary>
    /// Runs a parser that throws <see cref="FormatException"/>, turning its message into a parse
    /// error; the value returned then (null, or a value type's default) is never used.
    /// </summary>
    public static T? Parse<T>(ArgumentResult result, Func<string, T> parse)
    {
        try
        {
            return parse(result.Tokens.Single().Value);
        }
        catch (FormatException error)
        {
            result.AddError(error.Message);
            return default;
        }
    }
}
