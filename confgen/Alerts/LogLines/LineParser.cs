using System.Runtime.CompilerServices;
namespace StackFsck.Alerts.LogLines;

/// <summary>
/// Parses one line of a Nagios 4 <c>nagios.log</c> or an Icinga 2 compat <c>icinga.log</c>
/// (both the same format): <c>[epoch] SERVICE ALERT: host;service;STATE;HARD;attempt;output</c> and the
/// HOST ALERT, NOTIFICATION, FLAPPING ALERT, DOWNTIME ALERT and EVENT HANDLER forms. Everything else that looks
/// like a log line (CURRENT/INITIAL states, external commands, rotation notes) is ignored.
/// </summary>
public static class LineParser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LineKind Parse(ReadOnlySpan<byte> line, out AlertEvent parsed)
    {
        parsed = default;
        if (!SplitTimestamp(line, out long timestamp, out ReadOnlySpan<byte> message))
        {
            return LineKind.Malformed;
        }

        if (message.StartsWith("SERVICE "u8))
        {
            return EventLine(timestamp, message["SERVICE "u8.Length..], isService: true, out parsed);
        }

        if (message.StartsWith("HOST "u8))
        {
            return EventLine(timestamp, message["HOST "u8.Length..], isService: false, out parsed);
        }

        return LineKind.Ignored;
    }

    /// <summary><c>[1700000000] rest</c>: the epoch seconds and the message after the bracket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SplitTimestamp(ReadOnlySpan<byte> line, out long timestamp, out ReadOnlySpan<byte> message)
    {
        timestamp = 0;
        message = default;
        if (line.Length < 4 || line[0] != (byte)'[')
        {
            return false;
        }

        int i = 1;
        for (; i < line.Length && i < 20 && (uint)(line[i] - '0') <= 9; i++)
        {
            timestamp = (timestamp * 10) + (line[i] - '0');
        }

        if (i == 1 || i + 1 >= line.Length || line[i] != (byte)']' || line[i + 1] != (byte)' ')
        {
            return false;
        }

        message = line[(i + 2)..];
        return true;
    }

    /// <summary>The rest of a <c>SERVICE ...</c> or <c>HOST ...</c> message: which event it is, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind EventLine(long timestamp, ReadOnlySpan<byte> rest, bool isService, out AlertEvent parsed)
    {
        parsed = default;
        if (rest.StartsWith("ALERT: "u8))
        {
            return Alert(isService ? EventKind.ServiceAlert : EventKind.HostAlert, timestamp, rest["ALERT: "u8.Length..], out parsed);
        }

        if (rest.StartsWith("NOTIFICATION: "u8))
        {
            return Notification(isService ? EventKind.ServiceNotification : EventKind.HostNotification, timestamp, rest["NOTIFICATION: "u8.Length..], out parsed);
        }

        if (rest.StartsWith("FLAPPING ALERT: "u8))
        {
            return Transition(isService ? EventKind.ServiceFlapping : EventKind.HostFlapping, timestamp, rest["FLAPPING ALERT: "u8.Length..], out parsed);
        }

        if (rest.StartsWith("DOWNTIME ALERT: "u8))
        {
            return Transition(isService ? EventKind.ServiceDowntime : EventKind.HostDowntime, timestamp, rest["DOWNTIME ALERT: "u8.Length..], out parsed);
        }

        if (rest.StartsWith("EVENT HANDLER: "u8))
        {
            return EventHandler(isService ? EventKind.ServiceEventHandler : EventKind.HostEventHandler, timestamp, rest["EVENT HANDLER: "u8.Length..], out parsed);
        }

        return LineKind.Ignored;
    }

    /// <summary><c>host;[service;]STATE;SOFT|HARD;attempt;command[!arguments]</c>: the event, with the command's name as its type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind EventHandler(EventKind kind, long timestamp, ReadOnlySpan<byte> message, out AlertEvent parsed)
    {
        parsed = default;
        var fields = new Fields(message);
        bool isService = kind == EventKind.ServiceEventHandler;
        if (!Subject(ref fields, isService, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> service)
            || !fields.Next(out ReadOnlySpan<byte> state) || !fields.Next(out ReadOnlySpan<byte> stateType) || !fields.Next(out ReadOnlySpan<byte> attempt)
            || !States.IsCheckState(state, isService) || !States.IsStateType(stateType) || !IsNumber(attempt)
            || !fields.Next(out ReadOnlySpan<byte> command))
        {
            return LineKind.Malformed;
        }

        int arguments = command.IndexOf((byte)'!');
        ReadOnlySpan<byte> name = arguments >= 0 ? command[..arguments] : command;
        if (name.IsEmpty)
        {
            return LineKind.Malformed;
        }

        parsed = new AlertEvent(kind, timestamp, host, service, name, state);
        return LineKind.Event;
    }

    /// <summary><c>host;[service;]STATE;SOFT|HARD;attempt;output</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind Alert(EventKind kind, long timestamp, ReadOnlySpan<byte> message, out AlertEvent parsed)
    {
        parsed = default;
        var fields = new Fields(message);
        if (!Subject(ref fields, kind == EventKind.ServiceAlert, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> service)
            || !fields.Next(out ReadOnlySpan<byte> state) || !fields.Next(out ReadOnlySpan<byte> stateType) || !fields.Next(out ReadOnlySpan<byte> attempt)
            || !States.IsCheckState(state, kind == EventKind.ServiceAlert) || !States.IsStateType(stateType) || !IsNumber(attempt))
        {
            return LineKind.Malformed;
        }

        parsed = new AlertEvent(kind, timestamp, host, service, stateType, state);
        return LineKind.Event;
    }

    /// <summary><c>contact;host;[service;]TYPE-or-STATE[ (STATE)];command;output[;author;comment]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind Notification(EventKind kind, long timestamp, ReadOnlySpan<byte> message, out AlertEvent parsed)
    {
        parsed = default;
        var fields = new Fields(message);
        bool isService = kind == EventKind.ServiceNotification;
        if (!fields.Next(out ReadOnlySpan<byte> contact) || contact.IsEmpty
            || !Subject(ref fields, isService, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> service)
            || !fields.Next(out ReadOnlySpan<byte> what)
            || !NotificationType.TrySplit(what, isService, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> state))
        {
            return LineKind.Malformed;
        }

        parsed = new AlertEvent(kind, timestamp, host, service, type, state);
        return LineKind.Event;
    }

    /// <summary>Flapping and downtime: <c>host;[service;]STARTED|STOPPED|...;message</c> (Icinga 2 puts a space after the state's <c>;</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind Transition(EventKind kind, long timestamp, ReadOnlySpan<byte> message, out AlertEvent parsed)
    {
        parsed = default;
        var fields = new Fields(message);
        bool isService = kind is EventKind.ServiceFlapping or EventKind.ServiceDowntime;
        if (!Subject(ref fields, isService, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> service)
            || !fields.Next(out ReadOnlySpan<byte> state) || !States.IsTransition(state))
        {
            return LineKind.Malformed;
        }

        parsed = new AlertEvent(kind, timestamp, host, service, default, state);
        return LineKind.Event;
    }

    /// <summary>The host, and for service lines the service: both must be present and non-empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Subject(scoped ref Fields fields, bool isService, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> service)
    {
        service = default;
        return fields.Next(out host) && !host.IsEmpty && (!isService || (fields.Next(out service) && !service.IsEmpty));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNumber(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }
}
