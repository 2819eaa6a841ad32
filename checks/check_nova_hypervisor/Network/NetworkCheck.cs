using StackFsck.OpenStack.Nova;
using StackFsck.Libvirt;
using StackFsck.OpenStack;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.NovaHypervisor.Network;

/// <summary>
/// The network part of the hypervisor audit: Open vSwitch's Interface table (OVSDB on its socket),
/// the domains' interfaces and the Neutron ports of both (options as check_openstack_orphans has
/// them, unset values from the cell's login). A source that cannot be read is one UNKNOWN line;
/// the rest of the audit stands.
/// </summary>
internal static class NetworkCheck
{
    private const string DefaultOvsdb = "unix:/var/run/openvswitch/db.sock";

    private static readonly Option<string> Ovsdb = new("--ovsdb")
    {
        Description = "Open vSwitch's database: unix:PATH on the node, or tcp:HOST:PORT when the check runs elsewhere",
        HelpName = "REMOTE",
        DefaultValueFactory = () => DefaultOvsdb,
    };

    private static readonly Option<bool> NoOvs = new("--no-ovs") { Description = "the node has no Open vSwitch: do not compare taps and ports" };

    private static readonly ServiceDatabaseOptions Neutron = new("neutron", "Neutron", "do not read Neutron: do not compare taps and ports", HypervisorCheck.InheritsFromCell);

    public static IEnumerable<Option> Options => [Ovsdb, NoOvs, Neutron.Skip, .. Neutron.Options, .. NetworkReport.Options];

    /// <summary>Starts reading OVSDB beside the rest of the audit; null when the taps are not compared (said in the report later).</summary>
    public static Task<List<OvsInterface>>? StartReading(CheckContext context, string libvirtUri)
    {
        string remote = context.Get(Ovsdb);
        bool local = remote.StartsWith("unix:", StringComparison.Ordinal);
        if (context.Get(NoOvs) || context.Get(Neutron.Skip) || (local && LibvirtUris.IsRemote(libvirtUri)))
        {
            return null;
        }

        return context.RunBeside(() =>
        {
            context.Stage($"reading the interfaces of OVSDB {remote}");
            return ReadWithinHalf(context, remote);
        });
    }

    /// <summary>
    /// Nova's rows for the instances the taps name too, looked up when the rest of the audit has not
    /// read them: a tap whose instance was deleted, its domain gone and its port still there, is stale.
    /// </summary>
    private static IReadOnlyDictionary<Guid, NovaInstance> WithTapInstances(DatabaseConnection cell, List<OvsInterface> interfaces, IReadOnlyDictionary<Guid, NovaInstance> nova)
    {
        Guid[] unread = [.. interfaces.Where(i => i.IfaceId is not null).Select(i => Guid.TryParse(i.VmUuid, out Guid vm) ? vm : Guid.Empty)
            .Where(vm => vm != Guid.Empty && !nova.ContainsKey(vm)).Distinct()];
        if (unread.Length == 0)
        {
            return nova;
        }

        var instances = new Dictionary<Guid, NovaInstance>(nova);
        foreach ((Guid uuid, NovaInstance instance) in NovaSide.ReadByUuid(cell, unread))
        {
            instances[uuid] = instance;
        }

        return instances;
    }

    /// <summary>
    /// OVSDB gets half of -t: one that accepts and never answers is then one UNKNOWN line, and the
    /// rest of the audit is still reported in the other half instead of the whole run timing out.
    /// </summary>
    private static List<OvsInterface> ReadWithinHalf(CheckContext context, string remote)
    {
        double seconds = context.Deadline.Timeout.Seconds / 2;
        // Expiring only stops this read's waits: the run's own deadline still ends the process.
        using var half = new Deadline(new TimeoutSetting(seconds, Status.Unknown), _ => false);
        try
        {
            return OvsdbClient.ReadInterfaces(remote, half);
        }
        catch (OperationCanceledException) when (half.Expired && !context.Deadline.Expired)
        {
            throw new CheckException($"OVSDB {remote} did not answer within {Perfdata.Number(seconds)} s (half of -t)");
        }
    }

    public static async Task Run(CheckContext context, Report report, Task<List<OvsInterface>>? reading, DatabaseConnection cell,
        IReadOnlyList<Domain> domains, IReadOnlyDictionary<Guid, NovaInstance> nova, string host, string libvirtUri, DateTime cutoff, int list)
    {
        if (reading is null)
        {
            report.Detail(context.Get(NoOvs) || context.Get(Neutron.Skip)
                ? "taps and ports not compared (--no-ovs or --no-neutron)"
                : $"taps and ports not compared: the node's OVSDB socket is not here (libvirt {libvirtUri} is another host; --ovsdb tcp:HOST:PORT reaches it)");
            return;
        }

        try
        {
            // --no-neutron leaves reading null, above: a run that gets here reads Neutron.
            if (Neutron.Read(context, cell.Settings) is not { } settings)
            {
                return;
            }

            List<OvsInterface> interfaces = await context.Join(reading);
            HashSet<Guid> ids = [.. interfaces.Select(i => Guid.TryParse(i.IfaceId, out Guid id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
            using DatabaseConnection neutron = DatabaseConnection.Open(context, settings);
            Dictionary<Guid, NeutronPort> ports = NeutronPorts.Read(neutron, ids, [.. domains.Select(d => d.Uuid)]);
            IReadOnlyDictionary<Guid, NovaInstance> instances = WithTapInstances(cell, interfaces, nova);
            NetworkReport.Add(report, NetworkAudit.Run(interfaces, domains, ports, instances, host, cutoff), context.Get(Ovsdb), list, context);
        }
        catch (CheckException error)
        {
            report.Declare(Status.Unknown, $"taps and ports not compared: {error.Message}");
        }
    }
}
