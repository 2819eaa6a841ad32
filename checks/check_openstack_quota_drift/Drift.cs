using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>The long output's line for one usage that drifted (rows of project, resource, recorded, actual).</summary>
internal static class Drift
{
    /// <summary>"project P volumes: recorded 5, owns 3; confirm: ...".</summary>
    public static string Line(DatabaseRow row, string remedy) =>
        $"project {row.String(0)} {row.String(1)}: recorded {row.Int64(2)}, owns {row.Int64(3)}; {remedy}";

    /// <summary>"project P volumes: reserved 0, reservations hold 1; confirm: ...".</summary>
    public static string ReservedLine(DatabaseRow row, string remedy) =>
        $"project {row.String(0)} {row.String(1)}: reserved {row.Int64(2)}, reservations hold {row.Int64(3)}; {remedy}";
}
