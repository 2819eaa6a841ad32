namespace StackFsck.Remedy;

/// <summary>
/// Exit codes of stackfsck-remedy. Nagios ignores an event handler's exit code; these are for the
/// operator who runs an action by hand and for scripts.
/// </summary>
public static class RemedyExit
{
    /// <summary>The action ran and succeeded, or the transition is not one it acts on.</summary>
    public const int Done = 0;

    /// <summary>Nothing was run: the workaround expired, or another run holds its lock.</summary>
    public const int Refused = 1;

    /// <summary>The remedy failed, timed out or could not start.</summary>
    public const int Failed = 2;

    /// <summary>Bad arguments: one line on standard error, as the checks do.</summary>
    public const int Usage = 3;
}
