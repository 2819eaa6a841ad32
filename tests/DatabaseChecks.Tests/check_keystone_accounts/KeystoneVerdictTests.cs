using StackFsck.Checks.Keystone;

namespace StackFsck.Tests.Database;

/// <summary>
/// check_keystone_accounts' rules at their edges, in-process with a fixed clock: each case is
/// what Zed's keystone decides for a login with the right password (identity/backends/sql.py
/// authenticate, sql_model.User.enabled and password_is_expired, auth/plugins/core.py's
/// enabled check before the password).
/// </summary>
public sealed class KeystoneVerdictTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    private static readonly AccountRules Rules = new(LockoutAttempts: 3, LockoutSeconds: 1800, ExpiringDays: 7, InactiveDays: 90,
        ServiceUsers: new HashSet<string>(), ServiceProject: null);

    private static UserState User(long? failed = null, DateTime? failedAt = null, DateTime? lastActive = null, DateTime? created = null,
        DateTime? expires = null, UserExemptions exempt = UserExemptions.None) =>
        new("u", "Default", false, failed, failedAt, lastActive ?? Now.Date, created ?? Now.AddYears(-1), expires, exempt, Now);

    private static AccountProblem? Verdict(UserState user, AccountRules? rules = null) => KeystoneVerdict.Judge(user, rules ?? Rules)?.Problem;

    [Fact]
    public void Keystone_disables_on_the_day_the_last_activity_is_exactly_the_limit_old()
    {
        Assert.Equal(AccountProblem.Inactive, Verdict(User(lastActive: Now.Date.AddDays(-90))));
        AccountFinding tomorrow = KeystoneVerdict.Judge(User(lastActive: Now.Date.AddDays(-89)), Rules)!;
        Assert.Equal((AccountProblem.Disabling, Now.Date.AddDays(1)), (tomorrow.Problem, tomorrow.When));
    }

    [Fact]
    public void A_user_who_never_logged_in_is_measured_from_its_creation_day()
    {
        AccountFinding found = KeystoneVerdict.Judge(User(created: Now.AddDays(-90).AddHours(3)) with { LastActive = null }, Rules)!;

        Assert.Equal(AccountProblem.Inactive, found.Problem);
        Assert.StartsWith("never logged in, created ", found.Detail);
        Assert.Null(Verdict(User(created: Now.AddDays(-80)) with { LastActive = null }));
    }

    [Fact]
    public void A_user_with_neither_activity_nor_creation_date_is_never_disabled() =>
        Assert.Null(Verdict(User() with { LastActive = null, Created = null }));

    [Fact]
    public void Ignore_user_inactivity_lets_an_idle_user_in() =>
        Assert.Null(Verdict(User(lastActive: Now.AddYears(-3), exempt: UserExemptions.UserInactivity)));

    [Fact]
    public void The_lock_lasts_lockout_duration_from_the_last_failure_and_not_a_second_longer()
    {
        Assert.Equal(AccountProblem.Locked, Verdict(User(failed: 3, failedAt: Now.AddSeconds(-1799))));
        Assert.Null(Verdict(User(failed: 3, failedAt: Now.AddSeconds(-1800))));
        Assert.Null(Verdict(User(failed: 2, failedAt: Now)));
    }

    [Fact]
    public void Ignore_lockout_failure_attempts_lets_a_user_with_many_failures_in() =>
        Assert.Null(Verdict(User(failed: 50, failedAt: Now, exempt: UserExemptions.LockoutFailureAttempts)));

    [Fact]
    public void Without_lockout_or_inactivity_settings_neither_is_judged() =>
        Assert.Null(Verdict(User(failed: 50, failedAt: Now, lastActive: Now.AddYears(-3)), Rules with { LockoutAttempts = null, InactiveDays = null }));

    [Fact]
    public void A_password_is_expired_from_its_expiry_instant_on()
    {
        Assert.Equal(AccountProblem.Expired, Verdict(User(expires: Now)));
        Assert.Equal(AccountProblem.Expiring, Verdict(User(expires: Now.AddSeconds(1))));
        Assert.Null(Verdict(User(expires: Now.AddDays(8))));
    }

    [Fact]
    public void Ignore_password_expiry_lets_a_user_with_an_old_password_in() =>
        Assert.Null(Verdict(User(expires: Now.AddDays(-30), exempt: UserExemptions.PasswordExpiry)));

    [Fact]
    public void Each_user_counts_once_under_the_reason_keystone_gives_first()
    {
        Assert.Equal(AccountProblem.Inactive, Verdict(User(failed: 5, failedAt: Now, lastActive: Now.AddDays(-200), expires: Now.AddDays(-1))));
        Assert.Equal(AccountProblem.Locked, Verdict(User(failed: 5, failedAt: Now, expires: Now.AddDays(-1))));
        Assert.Equal(AccountProblem.Expired, Verdict(User(failed: 5, failedAt: Now, expires: Now.AddDays(-1), exempt: UserExemptions.LockoutFailureAttempts)));
    }

    [Fact]
    public void Within_the_window_the_refusal_that_comes_first_counts()
    {
        Assert.Equal(AccountProblem.Disabling, Verdict(User(lastActive: Now.Date.AddDays(-88), expires: Now.AddDays(5))));
        Assert.Equal(AccountProblem.Expiring, Verdict(User(lastActive: Now.Date.AddDays(-85), expires: Now.AddDays(1))));
        Assert.Equal(AccountProblem.Disabling, Verdict(User(lastActive: Now.Date.AddDays(-89), expires: Now.Date.AddDays(1))));
    }

    [Fact]
    public void Dates_near_year_9999_in_the_database_are_no_crash()
    {
        DateTime far = DateTime.MaxValue.AddDays(-1);

        Assert.Null(Verdict(User(lastActive: far, expires: far)));
        Assert.Equal(AccountProblem.Locked, Verdict(User(failed: 3, failedAt: far)));
        Assert.Equal(AccountProblem.Disabling, Verdict(User(), Rules with { InactiveDays = 36500, ExpiringDays = 36500 }));
    }
}
