using System.Text;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.Keystone;

/// <summary>
/// Reads every enabled local user with what Keystone judges a login by (lockout counters, last
/// activity, creation, newest password's expiry, per-user options) in one streamed statement,
/// and keeps the users Keystone refuses or will refuse. Times come from the server's UTC clock,
/// as Keystone writes them. Password hashes are never selected.
/// </summary>
internal static class AccountProbe
{
    public static List<AccountFinding> Read(DatabaseConnection db, AccountRules rules)
    {
        var found = new List<AccountFinding>();
        foreach (DatabaseRow row in db.Query(Statement(rules), "reading local users"))
        {
            var user = new UserState(row.String(0)!, row.String(1) ?? row.String(2)!, row.Int64(3) == 1,
                row.NullableInt64(4), row.DateTime(5), row.DateTime(6), row.DateTime(7), row.DateTime(8),
                (UserExemptions)row.Int64(9), row.DateTime(10)!.Value);
            if (KeystoneVerdict.Judge(user, rules) is AccountFinding finding)
            {
                found.Add(finding);
            }
        }

        return found;
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

        // Keystone's current password is the newest by created_at_int; its expiry is expires_at_int
        // (microseconds since the epoch, no time zone involved) or, where that is empty, expires_at.
        // u.enabled = 1: Keystone refuses a user whose flag is 0 or NULL anyway, and on purpose.
        return $"""
            SELECT lu.name, d.name, lu.domain_id, {service} AS service, lu.failed_auth_count, lu.failed_auth_at,
                   u.last_active_at, u.created_at,
                   (SELECT COALESCE(TIMESTAMP('1970-01-01') + INTERVAL NULLIF(p.expires_at_int, 0) MICROSECOND, p.expires_at)
                      FROM password p WHERE p.local_user_id = lu.id ORDER BY p.created_at_int DESC, p.id DESC LIMIT 1),
                   {Exempt("1001", UserExemptions.PasswordExpiry)} + {Exempt("1002", UserExemptions.LockoutFailureAttempts)}
                     + {Exempt("1004", UserExemptions.UserInactivity)},
                   UTC_TIMESTAMP()
            FROM local_user lu JOIN user u ON u.id = lu.user_id LEFT JOIN project d ON d.id = lu.domain_id
            WHERE u.enabled = 1
            """;
    }

    /// <summary>The flag when the user has the option set to JSON <c>true</c>, as Keystone stores a boolean option; else 0.</summary>
    private static string Exempt(string optionId, UserExemptions flag) =>
        $"COALESCE((SELECT {(int)flag} FROM user_option o WHERE o.user_id = u.id AND o.option_id = '{optionId}' AND o.option_value = 'true'), 0)";
}
