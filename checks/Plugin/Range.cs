using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>
/// A Nagios threshold range <c>[@][start:][end]</c>. It alerts when a value lies
/// outside start..end (both inclusive), or inside it when written with a leading <c>@</c>.
/// </summary>
public sealed class Range
{
    private Range(string text, double start, double end, bool inside)
    {
        Text = text;
        Start = start;
        End = end;
        Inside = inside;
    }

    /// <summary>The range as the user wrote it; perfdata repeats it verbatim.</summary>
    public string Text { get; }
    public double Start { get; }
    public double End { get; }
    public bool Inside { get; }

    public bool Alerts(double value)
    {
        bool within = value >= Start && value <= End;
        return Inside ? within : !within;
    }

    public override string ToString() => Text;

    /// <summary>Parses a range; a malformed one throws <see cref="FormatException"/> saying why.</summary>
    public static Range Parse(string text)
    {
        string body = text.Trim();
        bool inside = body.StartsWith('@');
        if (inside)
        {
            body = body[1..];
        }

        if (body.Length == 0)
        {
            throw new FormatException($"empty threshold range '{text}'");
        }

        int colon = body.IndexOf(':');
        double start = colon < 0 ? 0 : ParseStart(body[..colon], text);
        double end = colon < 0 ? ParseBound(body, text) : ParseEnd(body[(colon + 1)..], text);
        if (start > end)
        {
            throw new FormatException($"threshold range '{text}' starts above its end");
        }

        return new Range(text.Trim(), start, end, inside);
    }

    private static double ParseStart(string part, string text) => part switch
    {
        "" => 0,
        "~" => double.NegativeInfinity,
        _ => ParseBound(part, text),
    };

    private static double ParseEnd(string part, string text) =>
        part.Length == 0 ? double.PositiveInfinity : ParseBound(part, text);

    /// <summary>A finite number: the plugin guidelines allow no NaN or infinity (an open end is written <c>~</c> or left empty).</summary>
    private static double ParseBound(string part, string text)
    {
        try
        {
            return ValueParsers.Decimal(part);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{part}' in threshold range '{text}' is not a finite number");
        }
    }
}
