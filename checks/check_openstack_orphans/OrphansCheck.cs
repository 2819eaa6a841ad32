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
    private static readonly Option<bool> NoNeutron = new("--no-neutron") { Description = "do not look for orphan ports" };

    private static readonly Option<bool> NoCinder = new("--no-cinder") { Description = "do not look for orphan volume attachments" };

    private static readonly Option<bool> NoPlacement = new("--no-placement") { Description = "do not look for orphan or missing placement allocations" };

    private static readonly Option<int> List = CommonOptions.List("how many ids the long output lists per category");

    private static readonly DatabaseOptions Api = new("", "the nova_api database (login for every database)", defaultDatabase: "nova_api");
    private static readonly ServiceDatabaseOptions Neutron = new("neutron", "Neutron");
    private static readonly ServiceDatabaseOptions Cinder = new("cinder", "Cinder");
    private static readonly ServiceDatabaseOptions Placement = new("placement", "placement");

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_openstack_orphans",
        Service = "OPENSTACK_ORPHANS",
        Description = "Finds what Neutron, Cinder, placement and nova_api still hold for instances no Nova cell has: ports, attachments, volumes, allocations, mappings; and instances without an allocation.",
        Options =
        [
            NovaCells.ConfOption, NoNeutron, NoCinder, NoPlacement, List, .. Api.Options, .. Neutron.Options, .. Cinder.Options, .. Placement.Options,
            .. OrphanReport.Options,
        ],
        Execute = context => Task.FromResult(Execute(context)),
    };

    private static Report Execute(CheckContext context)
    {
        DatabaseSettings api = Api.Read(context, "nova_api database");
        var index = new InstanceIndex();
        var survey = new OrphanSurvey(index, context.Get(List));
        var nodes = new ComputeNodes();
        PlacementSurvey? placement = context.Get(NoPlacement) ? null : new PlacementSurvey(index, nodes, context.Get(List));
        using (DatabaseConnection apiDb = DatabaseConnection.Open(context, api))
        {
            List<NovaCell> cells = NovaCells.All(apiDb, api, NovaCells.LocalConnection(context.Get(NovaCells.ConfOption)));
            context.Log(1, $"{cells.Count} cells: {string.Join(", ", cells.Select(c => c.Name))}");
            CloudReader.ReadInstances(context, cells, index, nodes, placement);
            CloudReader.ReadMappings(apiDb, survey);
        }

        if (placement is not null)
        {
            PlacementReader.ReadAllocations(context, Placement.Read(context, api), placement);
        }

        bool ports = !context.Get(NoNeutron);
        bool attachments = !context.Get(NoCinder);
        if (ports)
        {
            CloudReader.ReadPorts(context, Neutron.Read(context, api), survey);
        }

        if (attachments)
        {
            CloudReader.ReadAttachments(context, Cinder.Read(context, api), survey);
        }

        return OrphanReport.Build(survey, index, context, ports, attachments, placement);
    }
}
