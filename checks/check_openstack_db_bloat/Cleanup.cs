using System.Globalization;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// Each service's own command that removes what the check counted: rows deleted more than
/// <c>days</c> ago, or all of them when no <c>--older-than</c> was given.
/// </summary>
internal static class Cleanup
{
    /// <summary>Null for services that hard-delete (Neutron, Keystone, nova_api).</summary>
    public static string? SoftDeleted(OpenStackService service, int? days, DateTime now) => service switch
    {
        OpenStackService.Nova => $"nova-manage db archive_deleted_rows{Before(days, now)} --until-complete --all-cells",
        OpenStackService.Cinder => $"cinder-manage db purge {days ?? 0}",
        OpenStackService.Glance => $"glance-manage db purge --age_in_days {days ?? 0}",
        OpenStackService.Heat => $"heat-manage purge_deleted -g days {days ?? 0}",
        _ => null,
    };

    /// <summary>Nova's archive only moves rows to the shadow_* tables; purge removes them.</summary>
    public static string? Shadow(OpenStackService service, int? days, DateTime now) => service == OpenStackService.Nova
        ? $"nova-manage db purge{(days is null ? " --all" : Before(days, now))} --all-cells"
        : null;

    private static string Before(int? days, DateTime now) =>
        days is int d ? " --before " + now.AddDays(-d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
}
