using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.Keystone;

/// <summary>
/// check_keystone_accounts: which Keystone users are locked out, have an expired or expiring
/// password, or are (about to be) disabled for inactivity; service accounts first, since one
/// of them locked out takes its whole service down.
/// </summary>
internal static class AccountsCheck
{
    private static readonly DatabaseOptions Keystone = new("", "the Keystone database", defaultDatabase: "keystone");

    /// <summary>A century: a longer setting never disables anyone, and the date arithmetic stays far from year 9999.</summary>
    private const int MaxDays = 36500;

    // Each Keystone setting takes the range Keystone itself accepts (its minimum of 1), up to what the arithmetic holds.
    private static readonly Option<int?> LockoutAttempts = CountOption.Create<int?>("--lockout-failure-attempts",
        "Keystone's lockout_failure_attempts: failed logins that lock a user (lockout is not checked unless given)", "N", minimum: 1);

    private static readonly Option<int> LockoutDuration = CountOption.Create<int>("--lockout-duration",
        "Keystone's lockout_duration in seconds (the default is Keystone's)", "SECONDS", 1800, minimum: 1);

    private static readonly Option<int> ExpiringDays = CountOption.Create<int>("--expiring-days",
        "how many days ahead expiring passwords and coming inactivity disables count", "DAYS", 7, maximum: MaxDays);

    private static readonly Option<int?> InactiveDays = CountOption.Create<int?>("--inactive-days",
        "Keystone's disable_user_account_days_inactive (inactivity is not checked unless given)", "DAYS", minimum: 1, maximum: MaxDays);

    private static readonly Option<string[]> ServiceUsers = RepeatedOption.Create("--service-user", [], name => name,
        "a service account's user name (repeatable); its problems are judged by --warning-service/--critical-service", "NAME");

    private static readonly Option<string?> ServiceProject = new("--service-project")
    {
        Description = "project whose members (role assignment or default project) are service accounts, e.g. service",
        HelpName = "NAME",
    };

    private static readonly Option<int> List = CommonOptions.List("how many users the long output names", 20);

    private static readonly Option<string?> ReportFormat = new("--report")
    {
        Description = "after the status line, list every user with a problem as a table or as CSV (for the weekly e-mail)",
        HelpName = "table|csv",
    };

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_keystone_accounts",
        Service = "KEYSTONE_ACCOUNTS",
        Description = "Reports Keystone users locked out, with expired or expiring passwords, or disabled for inactivity.",
        Options =
        [
            .. Keystone.Options, LockoutAttempts, LockoutDuration, ExpiringDays, InactiveDays, ServiceUsers, ServiceProject, List,
            ReportFormat, .. AccountReport.Options,
        ],
        Execute = Execute,
    };

    private static Task<Report> Execute(CheckContext context)
    {
        string? format = context.Get(ReportFormat);
        if (format is not (null or "table" or "csv"))
        {
            throw new CheckException($"bad arguments: --report takes table or csv, not '{format}'");
        }

        var rules = new AccountRules(context.Get(LockoutAttempts), context.Get(LockoutDuration), context.Get(ExpiringDays),
            context.Get(InactiveDays), context.Get(ServiceUsers).ToHashSet(StringComparer.Ordinal), context.Get(ServiceProject));
        using var db = DatabaseConnection.Open(context, Keystone.Read(context, "Keystone database"));
        List<AccountFinding> found = AccountProbe.Read(db, rules);
        context.Log(1, $"{found.Count} account problems");
        return Task.FromResult(AccountReport.Build(found, rules, context, format is null ? context.Get(List) : int.MaxValue, format));
    }
}
