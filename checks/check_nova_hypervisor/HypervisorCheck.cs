using StackFsck.Plugin.Arguments;
using System.Net;
using StackFsck.Libvirt;
using StackFsck.Checks.NovaHypervisor.Network;
using StackFsck.Checks.NovaHypervisor.Volumes;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Checks.NovaHypervisor;

/// <summary>
/// check_nova_hypervisor: does one hypervisor hold what Nova thinks it holds? Zombie VMs (deleted in
/// Nova, still defined in libvirt), missing and misplaced VMs, domains Nova never heard of,
/// instance directories left behind, the volume disks of each domain's XML against Nova and
/// Cinder, the node's iSCSI sessions against the volumes' targets, and its Open vSwitch taps and the
/// domains' interfaces against Neutron's ports. Reads only: it never changes the hypervisor or the databases.
/// Run as check_nova_zombies (a link to it, the name it had before it grew) it takes only the
/// options it had then and answers as it did.
/// </summary>
internal static class HypervisorCheck
{
    private static readonly Option<string> LibvirtUri = new("--libvirt-uri")
    {
        Description = "libvirt URI, opened read-only (qemu+ssh://HOST/system to check a host from elsewhere)",
        HelpName = "URI",
        DefaultValueFactory = () => "qemu:///system",
    };

    private static readonly Option<string> InstancesPath = new("--instances-path")
    {
        Description = "nova-compute's [DEFAULT]/instances_path, holding a directory per instance",
        HelpName = "PATH",
        DefaultValueFactory = () => "/var/lib/nova/instances",
    };

    private static readonly Option<bool> SkipDisks = new("--skip-disks")
    {
        Description = "do not scan the instances path (when the check runs away from the host)",
    };

    private static readonly Option<string> Host = new("--host")
    {
        Description = "the compute host's name as Nova knows it (nova-compute's [DEFAULT]/host; default: this machine's name)",
        HelpName = "NAME",
        DefaultValueFactory = () => Dns.GetHostName(),
    };

    private static readonly Option<TimeSpan> Grace = Duration.Option(
        "--grace", "how long after Nova deleted an instance its domain and disks may linger (seconds, or 90m, 2h, 1d)", NovaInstance.Grace);

    private static readonly Option<TextPattern?> IgnoreDomain = RegexOption.Create(
        "--ignore-domain", "regular expression of domain names that are not Nova's (never counted as unknown)");

    private static readonly Option<int> List = CommonOptions.List("how many uuids the long output lists per category");

    // --host names the compute host (the Nagios command passes the host name to it), so the
    // nova_api options carry a prefix: --api-host, --api-defaults-file...
    private static readonly DatabaseOptions Api = new("api", "the nova_api database (unset cell values come from here)", defaultDatabase: "nova_api");

    /// <summary>Where the Cinder and Neutron options take their unset values, as --help words it: the cell's login (given or looked up), not nova_api's.</summary>
    internal const string InheritsFromCell = "the cell database's";

    private static readonly DatabaseOptions Cell = new("cell", "the host's cell database, instead of looking it up in nova_api (unset values as the nova_api ones)");

    private static readonly Option[] ZombieOptions =
    [
        LibvirtUri, InstancesPath, SkipDisks, Host, Grace, IgnoreDomain, List, NovaCells.ConfOption, .. Api.Options, .. Cell.Options,
        .. ZombieReport.Options,
    ];

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_nova_hypervisor",
        Service = "NOVA_HYPERVISOR",
        Description = "Compares one hypervisor's libvirt domains, their disks and instance directories with Nova and Cinder: zombie, missing, misplaced and unknown VMs, leftover disks, stale and missing volume disks and iSCSI sessions, stale taps, unplugged and mismatched ports.",
        Options = [.. ZombieOptions, .. VolumeCheck.Options, .. NetworkCheck.Options],
        Execute = context => AuditAsync(context, devices: true),
    };

    /// <summary>The check under its former name: the options and the answers it had then.</summary>
    public static readonly CheckDefinition Zombies = new()
    {
        Name = "check_nova_zombies",
        Service = "NOVA_ZOMBIES",
        Description = "Compares one hypervisor's libvirt domains and instance directories with Nova: zombie, missing, misplaced and unknown VMs, leftover disks.",
        Options = ZombieOptions,
        Execute = context => AuditAsync(context, devices: false),
    };

    /// <summary>The definition the executable answers as, by the name it was run under (argv[0]).</summary>
    public static CheckDefinition RunAs(string program) => Path.GetFileName(program) == Zombies.Name ? Zombies : Definition;

    /// <param name="devices">read each domain's XML (once) and audit what it holds; the former name does not.</param>
    private static async Task<Report> AuditAsync(CheckContext context, bool devices)
    {
        string host = context.Get(Host);
        string uri = context.Get(LibvirtUri);

        // Listing domains keeps a core busy in libvirt while connecting waits on the network and
        // scanning on the file system: doing the three at once saves all but the longest. Each
        // runs in its own lane, so a timeout names the one that hangs.
        Task<DatabaseConnection> connecting = context.RunBeside(() => DatabaseConnection.Open(context, CellSettings(context, host)));
        bool scanDisks = !context.Get(SkipDisks);
        string instancesPath = context.Get(InstancesPath);
        Task<List<InstanceDirectory>> scanning = scanDisks
            ? context.RunBeside(() => Scan(context, instancesPath))
            : Task.FromResult(new List<InstanceDirectory>());
        Task<List<OvsInterface>>? ovs = devices ? NetworkCheck.StartReading(context, uri) : null;
        context.Stage($"listing the domains of {uri}");
        List<Domain> domains = Hypervisor.ListDomains(uri, devices);
        context.Log(1, $"{domains.Count} domains on {uri}");

        List<InstanceDirectory> directories = await context.Join(scanning);
        HashSet<Guid> seen = [.. domains.Select(d => d.Uuid), .. directories.Select(d => d.Uuid)];
        using DatabaseConnection cell = await context.Join(connecting);
        Dictionary<Guid, NovaInstance> nova = NovaSide.Read(cell, host, seen);

        TimeSpan grace = context.Get(Grace);
        ZombieAudit audit = ZombieAudit.Run(host, domains, directories, nova, DateTime.UtcNow - grace, context.Get(IgnoreDomain));
        Report report = ZombieReport.Build(audit, new ZombieReport.Scope(host, uri, grace, context.Get(List), scanDisks), context);
        if (devices)
        {
            VolumeCheck.Run(context, report, cell, domains, nova, host, uri, context.Get(List));
            await NetworkCheck.Run(context, report, ovs, cell, domains, nova, host, uri, DateTime.UtcNow - grace, context.Get(List));
        }

        return report;
    }

    private static List<InstanceDirectory> Scan(CheckContext context, string instancesPath)
    {
        context.Stage($"scanning {instancesPath}");
        return InstanceDirectories.Scan(instancesPath);
    }

    /// <summary>The cell database given directly, or the one nova_api maps the host to.</summary>
    private static DatabaseSettings CellSettings(CheckContext context, string host) => NovaCells.CellOf(
        context, host, Api.Read(context, "nova_api database"), Cell.Read(context, "cell database"), context.Get(NovaCells.ConfOption));
}
