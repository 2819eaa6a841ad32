namespace StackFsck.Checks.Keystone;

/// <summary>
/// Keystone's [security_compliance] options as the operator runs them: what makes an account
/// locked, expired or inactive, and how far ahead "soon" looks.
/// </summary>
internal sealed record AccountRules(
    int? LockoutAttempts, int LockoutSeconds, int ExpiringDays, int? InactiveDays, IReadOnlySet<string> ServiceUsers, string? ServiceProject);

/// <summary>Why Keystone refuses an account (or will, within the window), listed worst first.</summary>
internal enum AccountProblem
{
    Locked,
    Expired,
    Inactive,
    Expiring,
    Disabling,
}

/// <summary>One local user Keystone refuses: who, why, and when it started or will start (UTC).</summary>
internal sealed record AccountFinding(string User, string Domain, bool Service, AccountProblem Problem, DateTime When, string Detail);
