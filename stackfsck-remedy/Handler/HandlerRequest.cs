using StackFsck.Alerts.StatsD;

namespace StackFsck.Remedy.Handler;

/// <summary>
/// One event handler run as Nagios asked for it: the transition, whose it is (host, service, and
/// where the host sits: environment and cell), the workaround (tracker link, expiry, the
/// diagnostics and remedy command lines) and where the bookkeeping goes.
/// </summary>
public sealed record HandlerRequest(
    Transition Transition,
    IReadOnlyCollection<string> ActOn,
    int? OnSoftAttempt,
    string Host,
    string? Service,
    string Environment,
    string Cell,
    string TrackerUrl,
    DateOnly Expires,
    string Diagnose,
    string Remedy,
    TimeSpan DiagnoseTimeout,
    TimeSpan RemedyTimeout,
    string OutputDir,
    int Keep,
    string Journal,
    StatsDTarget StatsD,
    string Prefix)
{
    /// <summary>The host, and the service of a service handler, as the log names them.</summary>
    public string Subject => Service is null ? Host : $"{Host};{Service}";
}
