using StackFsck.OpenStack;
using StackFsck.OpenStack.Survey;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackQuotaDrift;

/// <summary>
/// check_openstack_quota_drift: quota usages that no longer match what a project owns (users are
/// refused for quota they do not use, or get more than their quota), and Cinder reservations
/// that outlived their expiry. SELECT only; every comparison is made by the database server.
/// Nova has nothing to compare: since Pike it counts usage from its instances and placement on
/// every request, and Zed's quota_usages tables are left empty.
/// </summary>
internal static class QuotaDriftCheck
{
    private static readonly Option<int> List = CommonOptions.List("how many usages or reservations the long output lists per resource");

    private static readonly Option<bool> NoSnapshotGigabytes = new("--no-snapshot-gb-quota")
    {
        Description = "Cinder's gigabytes count volumes only, as with no_snapshot_gb_quota = true in cinder.conf",
    };

    private const string InheritsFrom = "the login's";

    // No Nova database to read: the unprefixed options are only the login the others inherit.
    private static readonly DatabaseOptions Login = new("", "the login every database inherits", withDatabase: false);
    private static readonly ServiceDatabaseOptions Cinder = new("cinder", "Cinder", "do not read the Cinder database (quota usages, reservations)", InheritsFrom);
    private static readonly ServiceDatabaseOptions Neutron = new("neutron", "Neutron", "do not read the Neutron database (quota usages)", InheritsFrom);

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_openstack_quota_drift",
        Service = "OPENSTACK_QUOTA_DRIFT",
        Description = "Finds Cinder and Neutron quota usages that differ from what each project owns, and Cinder reservations left after their expiry.",
        Options =
        [
            Cinder.Skip, Neutron.Skip, NoSnapshotGigabytes, List,
            .. Login.Options, .. Cinder.Options, .. Neutron.Options, .. DriftThresholds.All.SelectMany(pair => pair.Options),
        ],
        Execute = context => Task.FromResult(Execute(context)),
    };

    private static Report Execute(CheckContext context)
    {
        var categories = new DriftCategories(context.Get, context.Get(List));
        var reader = new SourceReader(context);
        DatabaseSettings login = Login.Read(context, "database");
        List<string> read = [];
        if (Cinder.Read(context, login) is { } cinder)
        {
            reader.Read(cinder, CinderQueries.For(categories, snapshotGigabytes: !context.Get(NoSnapshotGigabytes)));
            read.Add("Cinder");
        }

        if (Neutron.Read(context, login) is { } neutron)
        {
            reader.Read(neutron, NeutronQueries.For(categories));
            read.Add("Neutron");
        }

        if (read.Count == 0)
        {
            throw new CheckException("--no-cinder and --no-neutron leave nothing to compare");
        }

        return SurveyReport.Build(categories.All, reader.Failures, $"quota usages and reservations of {string.Join(" and ", read)} within their thresholds");
    }
}
