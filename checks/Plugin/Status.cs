namespace StackFsck.Plugin;

/// <summary>A Nagios service state; the numeric value is the plugin's exit code.</summary>
public enum Status
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}

public static class StatusExtensions
{
    /// <summary>The upper-case word Nagios prints in the first line.</summary>
    public static string Word(this Status status) => status switch
    {
        Status.Ok => "OK",
        Status.Warning => "WARNING",
        Status.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    /// <summary>
    /// The state that wins when two are combined. CRITICAL beats WARNING beats UNKNOWN beats OK,
    /// as monitoring-plugins' max_state_alt: a confirmed problem is more actionable than a
    /// measurement that failed elsewhere in the same run.
    /// </summary>
    public static Status Worst(this Status a, Status b) => a.Severity() >= b.Severity() ? a : b;

    /// <summary>The order <see cref="Worst"/> follows: 3 for CRITICAL down to 0 for OK.</summary>
    public static int Severity(this Status status) => status switch
    {
        Status.Critical => 3,
        Status.Warning => 2,
        Status.Unknown => 1,
        _ => 0,
    };

    /// <summary>Reads a state given by name (OK, WARNING, CRITICAL, UNKNOWN, any case) or by its number.</summary>
    public static bool TryParse(string text, out Status status)
    {
        status = text.Trim().ToUpperInvariant() switch
        {
            "OK" or "0" => Status.Ok,
            "WARNING" or "WARN" or "1" => Status.Warning,
            "CRITICAL" or "CRIT" or "2" => Status.Critical,
            "UNKNOWN" or "3" => Status.Unknown,
            _ => (Status)(-1),
        };
        return Enum.IsDefined(status);
    }
}
