namespace StackFsck.Alerts.LogLines;

/// <summary>The fixed vocabularies of the log: check states, state types, flapping and downtime transitions.</summary>
internal static class States
{
    public static bool IsCheckState(ReadOnlySpan<byte> state, bool isService) =>
        isService ? IsServiceState(state) : IsHostState(state);

    public static bool IsServiceState(ReadOnlySpan<byte> state) =>
        state.SequenceEqual("CRITICAL"u8) || state.SequenceEqual("WARNING"u8) || state.SequenceEqual("OK"u8) || state.SequenceEqual("UNKNOWN"u8);

    public static bool IsHostState(ReadOnlySpan<byte> state) =>
        state.SequenceEqual("DOWN"u8) || state.SequenceEqual("UP"u8) || state.SequenceEqual("UNREACHABLE"u8);

    /// <summary>A state that ends a problem: its notification is a recovery.</summary>
    public static bool IsRecoveryState(ReadOnlySpan<byte> state) => state.SequenceEqual("OK"u8) || state.SequenceEqual("UP"u8);

    public static bool IsStateType(ReadOnlySpan<byte> type) => type.SequenceEqual("HARD"u8) || type.SequenceEqual("SOFT"u8);

    public static bool IsTransition(ReadOnlySpan<byte> state) =>
        state.SequenceEqual("STARTED"u8) || state.SequenceEqual("STOPPED"u8) || state.SequenceEqual("CANCELLED"u8) || state.SequenceEqual("DISABLED"u8);
}
