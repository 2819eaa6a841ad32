using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>The long output's line for one usage that drifted (rows of project, resource, recorded, actual).</summary>
internal static class Drift
{
    /// <summary>
    /// The end of a drift statement whose <c>WITH</c> defines <c>owned</c> (project_id, resource,
    /// amount): the usages <paramref name="usages"/> selects (a FROM clause on <c>u</c>) and the owned
    /// amounts grouped together in one pass, each usage kept when what it records differs from what
    /// its project owns; the rows of project, resource, recorded, owned that <see cref="Line"/> words.
    /// Joined instead, the usages met the owned amounts (a UNION ALL, no key) in a block nested loop:
    /// usages times owned rows, and at 20,000 projects the Cinder statement ran past 20 minutes.
    /// </summary>
    public static string Compare(string usages) =>
        "SELECT project_id, resource, CAST(SUM(recorded) AS SIGNED), CAST(SUM(amount) AS SIGNED) FROM (" +
        $"SELECT u.project_id, u.resource, u.in_use AS recorded, 0 AS amount, 1 AS kept {usages} " +
        "UNION ALL SELECT project_id, resource, 0, amount, 0 FROM owned) x " +
        "GROUP BY project_id, resource HAVING MAX(kept) = 1 AND SUM(recorded) <> SUM(amount) ORDER BY project_id, resource";

    /// <summary>"project P volumes: recorded 5, owns 3; confirm: ...".</summary>
    public static string Line(DatabaseRow row, string remedy) =>
        $"project {row.String(0)} {row.String(1)}: recorded {row.Int64(2)}, owns {row.Int64(3)}; {remedy}";

    /// <summary>"project P volumes: reserved 0, reservations hold 1; confirm: ...".</summary>
    public static string ReservedLine(DatabaseRow row, string remedy) =>
        $"project {row.String(0)} {row.String(1)}: reserved {row.Int64(2)}, reservations hold {row.Int64(3)}; {remedy}";
}
