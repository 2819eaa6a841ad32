namespace StackFsck.Remedy.Handler;

/// <summary>
/// The state change Nagios runs an event handler for: the state, SOFT or HARD, and the attempt
/// ($SERVICESTATE$ $SERVICESTATETYPE$ $SERVICEATTEMPT$, or the HOST ones). Nagios runs a handler
/// on every SOFT attempt, on the change to a HARD state and on recovery; a workaround acts only
/// on the states it is given, when HARD, or early at one chosen SOFT attempt.
/// </summary>
public sealed record Transition(string State, string StateType, int Attempt)
{
    public static readonly string[] ServiceStates = ["OK", "WARNING", "CRITICAL", "UNKNOWN"];
    public static readonly string[] HostStates = ["UP", "DOWN", "UNREACHABLE"];

    public bool IsHard => StateType == "HARD";

    /// <summary>Whether to act: the state is one of <paramref name="actOn"/>, and the change is HARD or the SOFT attempt <paramref name="onSoftAttempt"/>.</summary>
    public bool Wanted(IReadOnlyCollection<string> actOn, int? onSoftAttempt) =>
        actOn.Contains(State) && (IsHard || (onSoftAttempt is int attempt && Attempt == attempt));

    public override string ToString() => $"{StateType} {State} (attempt {Attempt})";

    /// <summary>What a handler acts on, worded for the line that says why it did not act.</summary>
    public static string Describe(IReadOnlyCollection<string> actOn, int? onSoftAttempt) =>
        $"HARD {string.Join('/', actOn)}" + (onSoftAttempt is int attempt ? $" and SOFT attempt {attempt}" : "");
}
