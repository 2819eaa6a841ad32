using StackFsck.OpenStack.Survey;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>Images whose upload or import never ended, and images queued (created, never given data) for over a day.</summary>
internal static class GlanceQueries
{
    public static IReadOnlyList<Probe> For(StuckCategories categories, Graces graces) =>
    [
        new(categories.Images, "reading the images in a transitional status",
            "SELECT id, owner, status, " + Age.SinceChange() + " FROM images WHERE deleted = 0 AND " +
            $"((status IN ('saving', 'importing', 'uploading') AND {Age.ChangedBefore(graces.Image)}) OR " +
            $"(status = 'queued' AND {Age.OlderThan("created_at", Graces.QueuedImage)})) ORDER BY 4 DESC",
            row => row.String(2)!,
            row => Describe.Line($"image {row.String(0)}", Describe.Text(row, 1), null, $"status {row.String(2)}", row.Int64(3),
                $"look: openstack image show {row.String(0)}")),
    ];
}
