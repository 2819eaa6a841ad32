using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// The warning and critical ranges that judge one metric, and the options that set them. Every
/// check spells them the same: <c>-w/-c</c> for its main metric, <c>--warning-NAME/--critical-NAME</c>
/// for the others. A check declares one (<see cref="Main"/>, <see cref="Named"/>), lists its
/// <see cref="Options"/>, and judges with what <see cref="Read"/> returns: the same declaration
/// holding the ranges given, or the defaults. A range of <c>~:</c> never alerts, which turns a
/// default off. Critical is judged before warning.
/// </summary>
public sealed class Threshold
{
    private readonly Option<Range?>? _warningOption;
    private readonly Option<Range?>? _criticalOption;
    private readonly bool _read;

    private Threshold(Option<Range?>? warningOption, Option<Range?>? criticalOption, Range? warning, Range? critical, bool read)
    {
        _warningOption = warningOption;
        _criticalOption = criticalOption;
        Warning = warning;
        Critical = critical;
        _read = read;
    }

    /// <summary>No ranges: never alerts.</summary>
    public static readonly Threshold None = Of(null, null);

    public Range? Warning { get; }
    public Range? Critical { get; }

    /// <summary>Whether a range is set, given or by default; without one the threshold never alerts.</summary>
    public bool HasRange => Warning is not null || Critical is not null;

    public IEnumerable<Option> Options => _warningOption is null || _criticalOption is null ? [] : [_warningOption, _criticalOption];

    /// <summary>The <c>-w</c>/<c>-c</c> pair for the check's main metric.</summary>
    public static Threshold Main(string subject, string? warning = null, string? critical = null) => Declare(
        RangeOption("--warning", ["-w"], $"warning range for {subject}", warning),
        RangeOption("--critical", ["-c"], $"critical range for {subject}", critical));

    /// <summary>A <c>--warning-NAME</c>/<c>--critical-NAME</c> pair for a further metric.</summary>
    public static Threshold Named(string name, string subject, string? warning = null, string? critical = null) => Declare(
        RangeOption($"--warning-{name}", [], $"warning range for {subject}", warning),
        RangeOption($"--critical-{name}", [], $"critical range for {subject}", critical));

    /// <summary>Fixed ranges, given by no option.</summary>
    public static Threshold Of(Range? warning, Range? critical) => new(null, null, warning, critical, read: true);

    /// <summary>This threshold with the ranges the command line gives (or the defaults).</summary>
    public Threshold Read(ParsedArguments args) => _warningOption is null || _criticalOption is null
        ? this
        : new(_warningOption, _criticalOption, args.GetValue(_warningOption), args.GetValue(_criticalOption), read: true);

    /// <exception cref="InvalidOperationException">The declaration was not <see cref="Read"/>: it would never alert.</exception>
    public Status Evaluate(double value)
    {
        if (!_read)
        {
            throw new InvalidOperationException($"threshold {_warningOption?.Name}/{_criticalOption?.Name} judged before the command line was read");
        }

        if (Critical?.Alerts(value) == true)
        {
            return Status.Critical;
        }

        return Warning?.Alerts(value) == true ? Status.Warning : Status.Ok;
    }

    /// <summary>The range that the given state was judged against, for wording a problem.</summary>
    public Range? RangeFor(Status status) => status switch
    {
        Status.Critical => Critical,
        Status.Warning => Warning,
        _ => null,
    };

    private static Threshold Declare(Option<Range?> warning, Option<Range?> critical) => new(warning, critical, null, null, read: false);

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
