using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.OpenStack;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Checks.OpenStackOrphans;

/// <summary>
/// check_openstack_orphans: what other services still hold for instances Nova no longer has.
/// Neutron ports of gone instances, Cinder attachments (and their volumes) of gone instances,
/// and instances and instance mappings that have lost each other. Database reads only.
/// </summary>
internal static class OrphansCheck
{
    private static readonly Option<int> List = CommonOptions.List("how many ids the long output lists per category");

    private static readonly DatabaseOptions Api = new("", "the nova_api database (login for every database)", defaultDatabase: "nova_api");
    private static readonly ServiceDatabaseOptions Neutron = new("neutron", "Neutron", "do not look for orphan ports");
    private static readonly ServiceDatabaseOptions Cinder = new("cinder", "Cinder", "do not look for orphan volume attachments");
    private static readonly ServiceDatabaseOptions Placement = new("placement", "placement", "do not look for orphan or missing placement allocations");

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_openstack_orphans",
        Service = "OPENSTACK_ORPHANS",
        Description = "Finds what Neutron, Cinder, placement and nova_api still hold for instances no Nova cell has: ports, attachments, volumes, allocations, mappings; and instances without an allocation.",
        Options =
        [
            NovaCells.ConfOption, Neutron.Skip, Cinder.Skip, Placement.Skip, List, .. Api.Options, .. Neutron.Options, .. Cinder.Options, .. Placement.Options,
            .. OrphanReport.Options,
        ],
        Execute = context => Task.FromResult(Execute(context)),
    };

    private static Report Execute(CheckContext context)
    {
        DatabaseSettings api = Api.Read(context, "nova_api database");
        DatabaseSettings? placementDb = Placement.Read(context, api);
        DatabaseSettings? neutronDb = Neutron.Read(context, api);
        DatabaseSettings? cinderDb = Cinder.Read(context, api);
        var index = new InstanceIndex();
        var survey = new OrphanSurvey(index, context.Get(List));
        var nodes = new ComputeNodes();
        PlacementSurvey? placement = placementDb is null ? null : new PlacementSurvey(index, nodes, context.Get(List));
        using (DatabaseConnection apiDb = DatabaseConnection.Open(context, api))
        {
            List<NovaCell> cells = NovaCells.All(apiDb, api, NovaCells.LocalConnection(context.Get(NovaCells.ConfOption)));
            context.Log(1, $"{cells.Count} cells: {string.Join(", ", cells.Select(c => c.Name))}");
            CloudReader.ReadInstances(context, cells, index, nodes, placement);
            CloudReader.ReadMappings(apiDb, survey);
        }

        if (placementDb is not null && placement is not null)
        {
            PlacementReader.ReadAllocations(context, placementDb, placement);
        }

        if (neutronDb is not null)
        {
            CloudReader.ReadPorts(context, neutronDb, survey);
        }

        if (cinderDb is not null)
        {
            CloudReader.ReadAttachments(context, cinderDb, survey);
        }

        return OrphanReport.Build(survey, index, context, ports: neutronDb is not null, attachments: cinderDb is not null, placement);
    }
}
