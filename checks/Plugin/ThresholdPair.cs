using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// A warning and a critical option for one metric. Every check spells them the same:
/// <c>-w/-c</c> for its main metric, <c>--warning-NAME/--critical-NAME</c> for the others.
/// A range of <c>~:</c> never alerts, which turns a default threshold off.
/// </summary>
public sealed class ThresholdPair
{
    private ThresholdPair(Option<Range?> warning, Option<Range?> critical)
    {
        Warning = warning;
        Critical = critical;
    }

    public Option<Range?> Warning { get; }
    public Option<Range?> Critical { get; }
    public IEnumerable<Option> Options => [Warning, Critical];

    /// <summary>The <c>-w</c>/<c>-c</c> pair for the check's main metric.</summary>
    public static ThresholdPair Main(string subject, string? warning = null, string? critical = null) => new(
        RangeOption("--warning", ["-w"], $"warning range for {subject}", warning),
        RangeOption("--critical", ["-c"], $"critical range for {subject}", critical));

    /// <summary>A <c>--warning-NAME</c>/<c>--critical-NAME</c> pair for a further metric.</summary>
    public static ThresholdPair Named(string name, string subject, string? warning = null, string? critical = null) => new(
        RangeOption($"--warning-{name}", [], $"warning range for {subject}", warning),
        RangeOption($"--critical-{name}", [], $"critical range for {subject}", critical));

    public Thresholds Read(ParsedArguments args) => new(args.GetValue(Warning), args.GetValue(Critical));

    private static Option<Range?> RangeOption(string name, string[] aliases, string description, string? fallback)
    {
        var option = new Option<Range?>(name, aliases)
        {
            Description = description + " ([@][start:][end], alerts outside start..end)",
            HelpName = "RANGE",
            Parser = Range.Parse,
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = () => Range.Parse(fallback);
        }

        return option;
    }
}
