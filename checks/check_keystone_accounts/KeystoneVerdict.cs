using System.Globalization;

namespace StackFsck.Checks.Keystone;

/// <summary>What Keystone knows of one enabled local user when it judges a login; times are naive UTC, as Keystone stores them.</summary>
internal sealed record UserState(
    string Name,
    string Domain,
    bool Service,
    long? FailedCount,
    DateTime? FailedAt,
    DateTime? LastActive,
    DateTime? Created,
    DateTime? PasswordExpires,
    UserExemptions Exempt,
    DateTime Now);

/// <summary>Keystone's per-user options (table <c>user_option</c>) that lift one [security_compliance] rule for one user.</summary>
[Flags]
internal enum UserExemptions
{
    None = 0,

    /// <summary><c>ignore_password_expiry</c>, option id 1001.</summary>
    PasswordExpiry = 1,

    /// <summary><c>ignore_lockout_failure_attempts</c>, option id 1002.</summary>
    LockoutFailureAttempts = 2,

    /// <summary><c>ignore_user_inactivity</c>, option id 1004.</summary>
    UserInactivity = 4,
}

/// <summary>
/// Keystone's answer to a login with the right password, now or within the window. Keystone
/// refuses for the first of three reasons, in this order, so a user counts once, under the
/// reason Keystone gives: disabled for inactivity (the token API looks the user up, enabled
/// flag included, before it reads the password), locked out by failed logins, password expired.
/// </summary>
internal static class KeystoneVerdict
{
    public static AccountFinding? Judge(UserState user, AccountRules rules)
    {
        DateTime? disabledFrom = DisabledFrom(user, rules);
        DateTime? expires = (user.Exempt & UserExemptions.PasswordExpiry) != 0 ? null : user.PasswordExpires;
        AccountFinding Finding(AccountProblem problem, DateTime when, string detail) =>
            new(user.Name, user.Domain, user.Service, problem, when, detail);

        if (disabledFrom is DateTime disabled && disabled <= user.Now)
        {
            return Finding(AccountProblem.Inactive, disabled, Inactivity(user, disabled));
        }

        if (LockedUntil(user, rules) is (DateTime failedAt, DateTime until))
        {
            return Finding(AccountProblem.Locked, failedAt, $"{user.FailedCount} failed logins, locked until {Time(until)}");
        }

        if (expires is DateTime expired && expired <= user.Now)
        {
            return Finding(AccountProblem.Expired, expired, $"password expired {Time(expired)}");
        }

        // Within the window, the refusal that comes first; on the same day inactivity, which Keystone checks first.
        DateTime horizon = Later(user.Now, TimeSpan.FromDays(rules.ExpiringDays));
        if (disabledFrom is DateTime coming && coming <= horizon && !(expires < coming))
        {
            return Finding(AccountProblem.Disabling, coming, Inactivity(user, coming));
        }

        return expires is DateTime expiring && expiring <= horizon
            ? Finding(AccountProblem.Expiring, expiring, $"password expires {Time(expiring)}")
            : null;
    }

    /// <summary>
    /// The day from which Keystone treats the user as disabled: the last active day (or, for a
    /// user who never logged in, the day it was created) plus the days, since Keystone disables
    /// once today minus that day is at least disable_user_account_days_inactive.
    /// </summary>
    private static DateTime? DisabledFrom(UserState user, AccountRules rules) =>
        rules.InactiveDays is int days && (user.Exempt & UserExemptions.UserInactivity) == 0
            && (user.LastActive ?? user.Created) is DateTime since
            ? Later(since.Date, TimeSpan.FromDays(days))
            : null;

    /// <summary>
    /// The last failed login and the end of the lock, while Keystone refuses the user for failed
    /// logins: lockout_failure_attempts reached, the last one less than lockout_duration ago.
    /// Past that, Keystone clears the counter at the next login, so a lock that has run out is none.
    /// </summary>
    private static (DateTime FailedAt, DateTime Until)? LockedUntil(UserState user, AccountRules rules)
    {
        if (rules.LockoutAttempts is not int attempts || (user.Exempt & UserExemptions.LockoutFailureAttempts) != 0
            || (user.FailedCount ?? 0) < attempts || user.FailedAt is not DateTime failedAt)
        {
            return null;
        }

        DateTime until = Later(failedAt, TimeSpan.FromSeconds(rules.LockoutSeconds));
        return until > user.Now ? (failedAt, until) : null;
    }

    private static string Inactivity(UserState user, DateTime disabledFrom) => user.LastActive is DateTime active
        ? $"inactive since {Day(active)}, disabled from {Day(disabledFrom)}"
        : $"never logged in, created {Day(user.Created!.Value)}, disabled from {Day(disabledFrom)}";

    /// <summary><paramref name="when"/> plus <paramref name="span"/>, or the last representable time: a date far ahead in the database is no crash.</summary>
    private static DateTime Later(DateTime when, TimeSpan span) =>
        span >= DateTime.MaxValue - when ? DateTime.MaxValue : when + span;

    public static string Time(DateTime when) => when.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Day(DateTime when) => when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
