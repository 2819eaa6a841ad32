using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>The long output's line for one usage that drifted (rows of project, resource, recorded, owned).</summary>
internal static class Drift
{
    /// <summary>"project P volumes: recorded 5, owns 3; confirm: ...".</summary>
    public static string Line(DatabaseRow row, string remedy) =>
        $"project {row.String(0)} {row.String(1)}: recorded {row.Int64(2)}, owns {row.Int64(3)}; {remedy}";
}
