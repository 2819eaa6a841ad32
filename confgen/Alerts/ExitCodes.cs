namespace StackFsck.Alerts;

/// <summary>Exit codes of <c>confgen alerts</c>, for cron wrappers and monitoring of the monitoring.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad arguments, an unreadable log, a damaged state file (confgen's exit code for every error).</summary>
    public const int Error = 1;

    /// <summary>StatsD could not be reached (as far as UDP can tell); the position was not saved.</summary>
    public const int SendFailed = 2;

    /// <summary>Another run holds the lock.</summary>
    public const int Busy = 3;
}
