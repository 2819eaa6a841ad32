namespace StackFsck.Checks.DbBloat;

/// <summary>
/// Each service's own commands that remove what the check counted, in the order to run them,
/// each removing everything its step counts: nova-manage archives with <c>--until-complete</c>
/// (its <c>--max_rows</c> is only a batch size then), glance-manage gets <c>--max_rows -1</c>
/// (its default stops at 100 rows per table), and Glance's images need their own command.
/// </summary>
internal static class Cleanup
{
    /// <summary>Whether the service has a cleanup tool; Neutron, Keystone and nova_api delete rows outright.</summary>
    public static bool Exists(OpenStackService service) =>
        service is OpenStackService.Nova or OpenStackService.Cinder or OpenStackService.Glance or OpenStackService.Heat;

    /// <summary>The steps of a service's cleanup; empty for services without a tool.</summary>
    public static string[] Commands(OpenStackService service, Cutoff cutoff, string? configFile)
    {
        string config = configFile is null ? "" : " --config-file " + Shell.Quote(configFile);
        int days = cutoff.RelativeDays;
        string? before = cutoff.Before is DateTime when ? Cutoff.Printed(when) : null;
        return service switch
        {
            OpenStackService.Nova =>
            [
                $"nova-manage{config} db archive_deleted_rows{(before is null ? "" : " --before " + before)} --until-complete --all-cells",
                $"nova-manage{config} db purge {(before is null ? "--all" : "--before " + before)} --all-cells",
            ],
            OpenStackService.Cinder => [$"cinder-manage{config} db purge {days}"],
            OpenStackService.Glance =>
            [
                $"glance-manage{config} db purge --age_in_days {days} --max_rows -1",
                $"glance-manage{config} db purge_images_table --age_in_days {days} --max_rows -1",
            ],
            OpenStackService.Heat => [$"heat-manage{config} purge_deleted -g days {days}"],
            _ => [],
        };
    }

    /// <summary>
    /// What a step does, with its count when known (exact mode), and the exit codes operators
    /// meet in scripts: nova-manage's archive exits 1 when it archived rows, its purge 3 when
    /// there was nothing to purge.
    /// </summary>
    public static string Describe(OpenStackService service, int step, long? rows, long? shadowNow) => (service, step) switch
    {
        (OpenStackService.Nova, 0) => $"archive {Rows(rows)} to the shadow tables (nova-manage exits 1 when it archived rows, 0 when there were none)",
        (OpenStackService.Nova, _) => $"purge {Rows(rows)} from the shadow tables{(rows is null || shadowNow == rows ? "" : $", {shadowNow} of them there now")} (exits 3 when it purged none)",
        (OpenStackService.Glance, 1) => $"purge {Rows(rows, "image")} (their ids become free for reuse: OSSN-0075)",
        _ => $"purge {Rows(rows)}",
    };

    private static string Rows(long? rows, string noun = "row") => rows is long n ? $"{n} {noun}{(n == 1 ? "" : "s")}" : $"the {noun}s";
}
