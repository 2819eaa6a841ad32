using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>The <c>-t SECONDS[:STATE]</c> option: how long the whole run may take, and the state to exit with when it does not finish.</summary>
public sealed record TimeoutSetting(double Seconds, Status State)
{
    /// <summary>A day: longer than any scheduler waits for a check, and well inside what a wait handle can time.</summary>
    public const double MaximumSeconds = 86400;

    public static readonly TimeoutSetting Default = new(10, Status.Unknown);

    public static TimeoutSetting Parse(string text)
    {
        string[] parts = text.Split(':', 2);
        double seconds = ParseSeconds(parts[0], text);
        Status state = Status.Unknown;
        if (parts.Length == 2 && !StatusExtensions.TryParse(parts[1], out state))
        {
            throw new FormatException($"timeout state '{parts[1]}' is not OK, WARNING, CRITICAL or UNKNOWN");
        }

        return new TimeoutSetting(seconds, state);
    }

    public override string ToString() =>
        Perfdata.Number(Seconds) + (State == Status.Unknown ? "" : ":" + State.Word());

    private static double ParseSeconds(string number, string text)
    {
        try
        {
            double seconds = ValueParsers.Decimal(number, 0, MaximumSeconds);
            return seconds > 0 ? seconds : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new FormatException($"timeout '{text}' is not a number of seconds above 0 and up to {MaximumSeconds}");
        }
    }
}
