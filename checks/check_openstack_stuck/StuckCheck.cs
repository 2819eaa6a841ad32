using StackFsck.OpenStack;
using StackFsck.OpenStack.Nova;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>
/// check_openstack_stuck: what has stayed in a transitional state too long, across a whole cloud
/// (every Nova cell, Cinder, Neutron, Glance) and which services stopped reporting. SELECT only;
/// the state and the age of each row are judged by the database server.
/// </summary>
internal static class StuckCheck
{
    private static readonly Option<int> List = CommonOptions.List("how many resources the long output lists per category and state");

    private static readonly Option<TimeSpan> InstanceGrace = Duration.Option("--instance-grace", "how long an instance may stay in a task", "1h");
    private static readonly Option<TimeSpan> MigrationGrace = Duration.Option("--migration-grace", "how long a migration may stay unfinished", "2h");
    private static readonly Option<TimeSpan> ResizeGrace = Duration.Option("--resize-grace", "how long a finished resize may wait for confirmation", "24h");
    private static readonly Option<TimeSpan> VolumeGrace = Duration.Option("--volume-grace", "how long a volume, snapshot or attachment may stay in a transitional status", "1h");
    private static readonly Option<TimeSpan> ImageGrace = Duration.Option("--image-grace", "how long an image may stay saving, importing or uploading", "6h");
    private static readonly Option<TimeSpan> ServiceDownTime = Duration.Option("--service-down-time", "how long a service may stay silent (Nova's and Cinder's service_down_time)", "60s");

    private static readonly DatabaseOptions Api = new("", "the nova_api database (login for every database)", defaultDatabase: "nova_api");
    private static readonly ServiceDatabaseOptions Cinder = new("cinder", "Cinder");
    private static readonly ServiceDatabaseOptions Neutron = new("neutron", "Neutron");
    private static readonly ServiceDatabaseOptions Glance = new("glance", "Glance");

    private static readonly Option<bool> NoCinder = new("--no-cinder") { Description = "do not read the Cinder database (volumes, snapshots, attachments, volume services)" };
    private static readonly Option<bool> NoNeutron = new("--no-neutron") { Description = "do not read the Neutron database (failed port bindings)" };
    private static readonly Option<bool> NoGlance = new("--no-glance") { Description = "do not read the Glance database (images)" };

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_openstack_stuck",
        Service = "OPENSTACK_STUCK",
        Description = "Finds instances, migrations, volumes, ports and images stuck in a transitional state, and services that stopped reporting, in every Nova cell, Cinder, Neutron and Glance.",
        Options =
        [
            NovaCells.ConfOption, NoCinder, NoNeutron, NoGlance, List, InstanceGrace, MigrationGrace, ResizeGrace, VolumeGrace, ImageGrace, ServiceDownTime,
            .. Api.Options, .. Cinder.Options, .. Neutron.Options, .. Glance.Options, .. StuckThresholds.All.SelectMany(pair => pair.Options),
        ],
        Execute = context => Task.FromResult(Execute(context)),
    };

    private static Report Execute(CheckContext context)
    {
        var graces = new Graces(context.Get(InstanceGrace), context.Get(MigrationGrace), context.Get(ResizeGrace),
            context.Get(VolumeGrace), context.Get(ImageGrace), context.Get(ServiceDownTime));
        var categories = new StuckCategories(context.Get, graces, context.Get(List));
        var reader = new SourceReader(context);
        DatabaseSettings api = Api.Read(context, "nova_api database");
        List<string> read = [];
        int cells = ReadCells(context, reader, api, categories, graces);
        if (!context.Get(NoCinder))
        {
            reader.Read(Cinder.Read(context, api), CinderQueries.For(categories, graces));
            read.Add("Cinder");
        }

        if (!context.Get(NoNeutron))
        {
            reader.Read(Neutron.Read(context, api), NeutronQueries.For(categories));
            read.Add("Neutron");
        }

        if (!context.Get(NoGlance))
        {
            reader.Read(Glance.Read(context, api), GlanceQueries.For(categories, graces));
            read.Add("Glance");
        }

        return StuckReport.Build(categories, reader.Failures, $"{cells} Nova cells" + string.Concat(read.Select(name => ", " + name)));
    }

    /// <summary>Reads every cell nova_api maps; returns how many. Without the cell list, every Nova count is unknown.</summary>
    private static int ReadCells(CheckContext context, SourceReader reader, DatabaseSettings api, StuckCategories categories, Graces graces)
    {
        List<NovaCell> cells;
        try
        {
            using DatabaseConnection db = DatabaseConnection.Open(context, api);
            cells = NovaCells.All(db, api, NovaCells.LocalConnection(context.Get(NovaCells.ConfOption)));
        }
        catch (CheckException error)
        {
            reader.Fail(error.Message, NovaQueries.For("", categories, graces));
            return 0;
        }

        if (cells.Count == 0)
        {
            reader.Fail($"no cell in cell_mappings of {api.Where()}: is this the nova_api database?", NovaQueries.For("", categories, graces));
        }

        context.Log(1, $"{cells.Count} cells: {string.Join(", ", cells.Select(c => c.Name))}");
        foreach (NovaCell cell in cells)
        {
            reader.Read(cell.Settings, NovaQueries.For(cell.Name, categories, graces));
        }

        return cells.Count;
    }
}
