using StackFsck.Alerts;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Model;

/// <summary>
/// The whole inventory rendered once into objects: one <see cref="ServerModel"/> per monitoring
/// server, in inventory order. Every output (Nagios trees, monasca-agent configs) is written from
/// it and every question (diff, audit, alert analytics) is answered from it.
/// </summary>
public sealed class CloudModel(InventoryModel inventory, CommandCatalog commands, IReadOnlyList<ServerModel> servers)
{
    public InventoryModel Inventory => inventory;

    /// <summary>Every command with its check's options (flag, variable, description, required, default, repeat).</summary>
    public CommandCatalog Commands => commands;

    public IReadOnlyList<ServerModel> Servers => servers;

    /// <summary>Every host name any server monitors.</summary>
    public SortedSet<string> HostNames { get; } = new(servers.SelectMany(s => s.Hosts).Select(h => h.Get("host_name")).OfType<string>(), StringComparer.Ordinal);

    /// <summary>Every workaround, one per service description and tracker link, with every service (SERVER:HOST-OR-HOSTGROUP) that carries it.</summary>
    public IReadOnlyList<Workaround> Workarounds()
    {
        var uses = new SortedDictionary<(string, string), (string Url, DateOnly Expires, bool Diagnosed, List<string> Where)>();
        foreach (ServerModel server in servers)
        {
            foreach (NagiosObject service in server.Services)
            {
                if (WorkaroundVariables.Read(service) is not { } workaround)
                {
                    continue;
                }

                string description = server.Objects.Resolve(service, "service_description") ?? "";
                if (!uses.TryGetValue((description, workaround.Url), out var use))
                {
                    uses[(description, workaround.Url)] = use = (workaround.Url, workaround.Expires, workaround.Diagnosed, []);
                }

                use.Where.Add($"{server.Server.Name}:{service.Get("host_name") ?? service.Get("hostgroup_name") ?? ""}");
            }
        }

        return uses.Select(u => new Workaround(u.Key.Item1, u.Value.Url, u.Value.Expires, u.Value.Diagnosed, u.Value.Where)).ToList();
    }
}
