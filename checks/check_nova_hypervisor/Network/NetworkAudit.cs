using StackFsck.OpenStack.Nova;
using StackFsck.Libvirt;

namespace StackFsck.Checks.NovaHypervisor.Network;

/// <summary>A tap (an OVS interface, or a domain's interface) whose facts disagree with its Neutron port.</summary>
internal sealed record PortMismatch(string Tap, NeutronPort Port, string What);

/// <summary>
/// Compares the node's OVS interfaces and the domains' interfaces with the Neutron ports bound to
/// this host. Interfaces without an iface-id (bridges, patch ports) are never counted. Pure set
/// logic, no I/O.
/// </summary>
internal sealed class NetworkAudit
{
    /// <summary>OVS interfaces whose port is not bound here (or gone), or whose instance was deleted past the grace.</summary>
    public List<(OvsInterface Interface, string Why)> StaleTaps { get; } = [];

    /// <summary>Ports bound here for a live instance with a domain here, with neither an OVS interface nor a tap in the domain.</summary>
    public List<(Domain Domain, NeutronPort Port)> Unplugged { get; } = [];

    public List<PortMismatch> Mismatched { get; } = [];

    public int Taps { get; private set; }

    public static NetworkAudit Run(IReadOnlyList<OvsInterface> interfaces, IReadOnlyList<Domain> domains, IReadOnlyDictionary<Guid, NeutronPort> ports,
        IReadOnlyDictionary<Guid, NovaInstance> nova, string host, DateTime cutoff)
    {
        var audit = new NetworkAudit();
        var plugged = new HashSet<Guid>();
        foreach (OvsInterface tap in interfaces.Where(i => i.IfaceId is not null))
        {
            audit.Taps++;
            NeutronPort? port = Guid.TryParse(tap.IfaceId, out Guid id) ? ports.GetValueOrDefault(id) : null;
            if (port is not null)
            {
                plugged.Add(port.Id);
            }

            audit.JudgeTap(tap, port, nova, host, cutoff);
        }

        foreach (Domain domain in domains)
        {
            if (nova.GetValueOrDefault(domain.Uuid) is { Settled: true } instance && instance.IsOn(host) && instance.ExpectsDomain && domain.Devices is { Unreadable: null } devices)
            {
                audit.JudgeDomain(domain, devices, ports.Values.Where(p => Guid.TryParse(p.DeviceId, out Guid device) && device == domain.Uuid && p.BoundTo(host)), plugged);
            }
        }

        return audit;
    }

    private void JudgeTap(OvsInterface tap, NeutronPort? port, IReadOnlyDictionary<Guid, NovaInstance> nova, string host, DateTime cutoff)
    {
        NovaInstance? instance = Guid.TryParse(tap.VmUuid, out Guid vm) ? nova.GetValueOrDefault(vm) : null;
        if (port is null || !port.BoundTo(host))
        {
            StaleTaps.Add((tap, port is null ? $"port {tap.IfaceId} does not exist in Neutron" : $"port {port.Id} is bound to {string.Join(", ", port.Hosts.DefaultIfEmpty("no host"))}"));
        }
        else if (instance is not null && instance.DeletedBefore(cutoff))
        {
            StaleTaps.Add((tap, $"instance {vm} was deleted"));
        }
        else if (tap.AttachedMac is not null && !SameMac(tap.AttachedMac, port.Mac))
        {
            Mismatched.Add(new PortMismatch(tap.Name, port, $"attached-mac {tap.AttachedMac}, the port's mac {port.Mac}"));
        }
        else if (tap.VmUuid is not null && !(Guid.TryParse(tap.VmUuid, out Guid tapVm) && Guid.TryParse(port.DeviceId, out Guid device) && tapVm == device))
        {
            Mismatched.Add(new PortMismatch(tap.Name, port, $"vm-uuid {tap.VmUuid}, the port's device_id {port.DeviceId}"));
        }
    }

    private void JudgeDomain(Domain domain, DomainDevices devices, IEnumerable<NeutronPort> bound, HashSet<Guid> plugged)
    {
        foreach (NeutronPort port in bound)
        {
            DomainInterface? nic = devices.Interfaces.FirstOrDefault(n =>
                (Guid.TryParse(n.InterfaceId, out Guid id) && id == port.Id) || n.Tap == TapName(port.Id));
            if (nic is null && !plugged.Contains(port.Id))
            {
                Unplugged.Add((domain, port));
            }
            else if (nic?.Mac is string mac && !SameMac(mac, port.Mac))
            {
                Mismatched.Add(new PortMismatch(nic.Tap ?? domain.Name, port, $"domain {domain.Name} has mac {mac}, the port's mac {port.Mac}"));
            }
        }
    }

    /// <summary>The tap device Nova names after a port: "tap" and the port id's first 11 characters.</summary>
    public static string TapName(Guid port) => "tap" + port.ToString("D")[..11];

    private static bool SameMac(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
