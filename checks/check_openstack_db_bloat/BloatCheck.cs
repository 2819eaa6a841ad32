using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.DbBloat;

/// <summary>
/// check_openstack_db_bloat: how many soft-deleted rows, Nova shadow rows and bytes the
/// OpenStack databases carry that a purge would remove, and the command that removes them.
/// </summary>
internal static class BloatCheck
{
    private const int MaxList = 1000;

    private static readonly DatabaseOptions Server = new("", "the database server", withDatabase: false);

    private static readonly Option<ServiceDatabase[]> Databases = RepeatedOption.Create("--database", ["-d"], ServiceDatabase.Parse,
        "database to survey, repeatable: nova, nova_cell1, nova_api, cinder, glance, heat, neutron, keystone, or NAME:SERVICE",
        "NAME[:SERVICE]", required: true);

    private static readonly Option<bool> Fast = new("--fast")
    {
        Description = "read table statistics from information_schema instead of counting (estimates; for huge tables)",
    };

    private static readonly Option<int?> OlderThan = CountOption.Create<int?>("--older-than",
        "count only rows deleted more than DAYS ago, as the printed cleanup of that age removes them", "DAYS", maximum: Cutoff.MaxDays);

    private static readonly Option<int> List = CommonOptions.List("how many of the worst tables the long output names", maximum: MaxList);

    private static readonly Option<ManageConfig[]> ManageConfigs = RepeatedOption.Create("--manage-config", [], ManageConfig.Parse,
        "config file the printed cleanup command of SERVICE reads (nova-manage --config-file FILE ...), repeatable", "SERVICE:FILE");

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_openstack_db_bloat",
        Service = "DB_BLOAT",
        Description = "Checks OpenStack databases for soft-deleted rows, Nova shadow rows and size that nobody purged.",
        Options = [.. Server.Options, Databases, Fast, OlderThan, List, ManageConfigs, .. BloatReport.Options],
        Execute = Execute,
    };

    private static Task<Report> Execute(CheckContext context)
    {
        bool fast = context.Get(Fast);
        int? olderThan = context.Get(OlderThan);
        if (fast && (olderThan is not null || BloatReport.JudgesDeleted(context)))
        {
            throw new CheckException("bad arguments: soft-deleted rows and --older-than are counted only in exact mode; leave out --fast");
        }

        List<ServiceDatabase> databases = [.. context.Get(Databases).DistinctBy(d => d.Name)];
        var cutoff = Cutoff.At(olderThan, DateTime.UtcNow);
        var configFiles = new Dictionary<OpenStackService, string>();
        foreach (ManageConfig config in context.Get(ManageConfigs))
        {
            configFiles[config.Service] = config.File;
        }

        using var db = DatabaseConnection.Open(context, Server.Read(context, "database server"));
        List<DatabaseBloat> found = BloatSurvey.Measure(db, databases, fast, cutoff, context);
        var settings = new BloatReport.Settings(fast, cutoff, context.Get(List), configFiles);
        return Task.FromResult(BloatReport.Build(found, settings, context));
    }
}
