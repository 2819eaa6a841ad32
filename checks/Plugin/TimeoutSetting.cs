using System.Globalization;

namespace StackFsck.Plugin;

/// <summary>The <c>-t SECONDS[:STATE]</c> option: how long the whole run may take, and the state to exit with when it does not finish.</summary>
public sealed record TimeoutSetting(double Seconds, Status State)
{
    public static readonly TimeoutSetting Default = new(10, Status.Unknown);

    public static TimeoutSetting Parse(string text)
    {
        string[] parts = text.Split(':', 2);
        if (!double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            || seconds <= 0)
        {
            throw new FormatException($"timeout '{text}' is not a positive number of seconds");
        }

        Status state = Status.Unknown;
        if (parts.Length == 2 && !StatusExtensions.TryParse(parts[1], out state))
        {
            throw new FormatException($"timeout state '{parts[1]}' is not OK, WARNING, CRITICAL or UNKNOWN");
        }

        return new TimeoutSetting(seconds, state);
    }

    public override string ToString() =>
        Perfdata.Number(Seconds) + (State == Status.Unknown ? "" : ":" + State.Word());
}
