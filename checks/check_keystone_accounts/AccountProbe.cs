using System.Text;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.Keystone;

/// <summary>
/// Reads every enabled local user with its lockout counters, last activity and newest password
/// row in one streamed statement, and keeps the users with a problem. Times come from the
/// server's UTC clock, as Keystone writes them. Password hashes are never selected.
/// </summary>
internal static class AccountProbe
{
    public static List<AccountFinding> Read(DatabaseConnection db, AccountRules rules)
    {
        var found = new List<AccountFinding>();
        foreach (DatabaseRow row in db.Query(Statement(rules), "reading local users"))
        {
            var user = new UserRow(row.String(0)!, row.String(1) ?? row.String(2)!, row.Int64(3) == 1,
                row.NullableInt64(4), row.DateTime(5), row.DateTime(6), row.NullableInt64(7), row.DateTime(8)!.Value);
            found.AddRange(Classify(user, rules));
        }

        return found;
    }

    private sealed record UserRow(string Name, string Domain, bool Service, long? FailedCount, DateTime? FailedAt,
        DateTime? LastActive, long? ExpiresMicroseconds, DateTime Now);

    private static IEnumerable<AccountFinding> Classify(UserRow user, AccountRules rules)
    {
        AccountFinding Finding(AccountProblem problem, DateTime when, string detail) =>
            new(user.Name, user.Domain, user.Service, problem, when, detail);

        if (rules.LockoutAttempts is int attempts && user.FailedCount >= attempts && user.FailedAt is DateTime failedAt
            && failedAt.AddSeconds(rules.LockoutSeconds) > user.Now)
        {
            yield return Finding(AccountProblem.Locked, failedAt, $"{user.FailedCount} failed logins, locked until {Time(failedAt.AddSeconds(rules.LockoutSeconds))}");
        }

        if (user.ExpiresMicroseconds is long micros)
        {
            DateTime expires = DateTime.UnixEpoch.AddTicks(micros * 10);
            if (expires <= user.Now)
            {
                yield return Finding(AccountProblem.Expired, expires, $"password expired {Time(expires)}");
            }
            else if (expires <= user.Now.AddDays(rules.ExpiringDays))
            {
                yield return Finding(AccountProblem.Expiring, expires, $"password expires {Time(expires)}");
            }
        }

        if (rules.InactiveDays is int days && user.LastActive is DateTime active)
        {
            // Keystone disables a user whose last_active_at is before today - days (dates, UTC).
            DateTime disabledFrom = active.Date.AddDays(days + 1);
            if (disabledFrom <= user.Now)
            {
                yield return Finding(AccountProblem.Inactive, disabledFrom, $"inactive since {Day(active)}, disabled from {Day(disabledFrom)}");
            }
            else if (disabledFrom <= user.Now.AddDays(rules.ExpiringDays))
            {
                yield return Finding(AccountProblem.Disabling, disabledFrom, $"inactive since {Day(active)}, disabled from {Day(disabledFrom)}");
            }
        }
    }

    private static string Statement(AccountRules rules)
    {
        var service = new StringBuilder("0");
        if (rules.ServiceUsers.Count > 0)
        {
            service.Append($" OR lu.name IN ({string.Join(", ", rules.ServiceUsers.Select(Sql.Literal))})");
        }

        if (rules.ServiceProject is string project)
        {
            string projectIds = $"SELECT id FROM project WHERE name = {Sql.Literal(project)} AND is_domain = 0";
            service.Append($" OR u.default_project_id IN ({projectIds})")
                .Append($" OR u.id IN (SELECT actor_id FROM assignment WHERE type = 'UserProject' AND target_id IN ({projectIds}))");
        }

        return $"""
            SELECT lu.name, d.name, lu.domain_id, {service} AS service, lu.failed_auth_count, lu.failed_auth_at, u.last_active_at,
                   (SELECT p.expires_at_int FROM password p WHERE p.local_user_id = lu.id ORDER BY p.created_at_int DESC, p.id DESC LIMIT 1),
                   UTC_TIMESTAMP()
            FROM local_user lu JOIN user u ON u.id = lu.user_id LEFT JOIN project d ON d.id = lu.domain_id
            WHERE COALESCE(u.enabled, 1) = 1
            """;
    }

    public static string Time(DateTime when) => when.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Day(DateTime when) => when.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
