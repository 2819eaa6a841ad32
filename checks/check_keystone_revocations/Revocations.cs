using StackFsck.Plugin.Database;

namespace StackFsck.Checks.Keystone;

/// <summary>What <c>revocation_event</c> holds, measured by the server's own UTC clock (Keystone writes naive UTC).</summary>
internal sealed record Revocations(long Events, long? OldestAgeSeconds, DateTime? Oldest, long Overdue, long LastHour)
{
    /// <summary>
    /// One statement; the count walks the smallest index, everything else is a range on the
    /// <c>revoked_at</c> index, so the cost does not depend on how old the backlog is.
    /// Keystone deletes rows with <c>revoked_at</c> before now - (expiration + buffer), and only when it writes a new one.
    /// </summary>
    public static Revocations Read(DatabaseConnection db, long cutoffSeconds) => db.Single(
        $"""
        SELECT (SELECT COUNT(*) FROM revocation_event),
               (SELECT MIN(revoked_at) FROM revocation_event),
               (SELECT TIMESTAMPDIFF(SECOND, MIN(revoked_at), UTC_TIMESTAMP()) FROM revocation_event),
               (SELECT COUNT(*) FROM revocation_event WHERE revoked_at < UTC_TIMESTAMP() - INTERVAL {cutoffSeconds} SECOND),
               (SELECT COUNT(*) FROM revocation_event WHERE revoked_at >= UTC_TIMESTAMP() - INTERVAL 1 HOUR)
        """,
        "counting revocation events",
        row => new Revocations(row.Int64(0), row.NullableInt64(2), row.DateTime(1), row.Int64(3), row.Int64(4)));
}
