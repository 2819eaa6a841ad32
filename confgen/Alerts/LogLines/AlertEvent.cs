namespace StackFsck.Alerts.LogLines;

/// <summary>What a counted log line reports; the name doubles as the metric name part.</summary>
public enum EventKind : byte
{
    ServiceAlert,
    HostAlert,
    ServiceNotification,
    HostNotification,
    ServiceFlapping,
    HostFlapping,
    ServiceDowntime,
    HostDowntime,

    /// <summary>A service alert logged while its host was DOWN or UNREACHABLE: part of the host's incident, not a problem of its own.</summary>
    ServiceAlertHostDown,

    /// <summary>Nagios ran a service's event handler (a workaround run, stackfsck's or not).</summary>
    ServiceEventHandler,

    HostEventHandler,
}

/// <summary>How the parser judged one line.</summary>
public enum LineKind
{
    /// <summary>An alert, notification, flapping or downtime line.</summary>
    Event,

    /// <summary>A well-formed line that is not an event (CURRENT/INITIAL state, external commands, ...).</summary>
    Ignored,

    /// <summary>Not a log line, or an event line with missing or impossible fields.</summary>
    Malformed,
}

/// <summary>
/// One event, as views into the line it came from (no copies: the reader parses millions of lines).
/// <see cref="Type"/> is SOFT/HARD for alerts, the notification type (PROBLEM, RECOVERY,
/// ACKNOWLEDGEMENT, ...) for notifications, the handler's command name for event handler lines,
/// and empty for flapping and downtime lines.
/// <see cref="State"/> is the check state, or STARTED/STOPPED/... for flapping and downtime.
/// </summary>
public readonly ref struct AlertEvent(
    EventKind kind, long timestamp, ReadOnlySpan<byte> host, ReadOnlySpan<byte> service, ReadOnlySpan<byte> type, ReadOnlySpan<byte> state)
{
    public EventKind Kind { get; } = kind;

    public long Timestamp { get; } = timestamp;

    public ReadOnlySpan<byte> Host { get; } = host;

    /// <summary>Empty for host events.</summary>
    public ReadOnlySpan<byte> Service { get; } = service;

    public ReadOnlySpan<byte> Type { get; } = type;

    public ReadOnlySpan<byte> State { get; } = state;

    /// <summary>SOFT alerts are retries before Nagios believes the state; every other event is final.</summary>
    public bool IsHard => !(Kind is EventKind.ServiceAlert or EventKind.HostAlert) || Type.SequenceEqual("HARD"u8);

    public bool IsServiceEvent => Kind is EventKind.ServiceAlert or EventKind.ServiceNotification or EventKind.ServiceFlapping or EventKind.ServiceDowntime or EventKind.ServiceEventHandler;
}
