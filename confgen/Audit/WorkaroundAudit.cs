using StackFsck.Confgen.Nagios;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Audit;

/// <summary>A workaround and every service (server, host or hostgroup, description) that carries it.</summary>
public sealed record WorkaroundUse(string Service, Workaround Workaround, IReadOnlyList<string> Where)
{
    public bool ExpiredOn(DateOnly today) => Workaround.Expires < today;

    /// <summary>Every workaround of the rendered servers, one entry per service description and tracker link.</summary>
    public static IReadOnlyList<WorkaroundUse> Collect(IEnumerable<RenderedServer> servers)
    {
        var uses = new SortedDictionary<(string, string), (Workaround Workaround, List<string> Where)>();
        foreach (RenderedServer server in servers)
        {
            var objects = new ObjectSet(server.Objects);
            foreach (NagiosObject service in objects.Real("service"))
            {
                string description = objects.Resolve(service, "service_description") ?? "";
                if (Workaround.Of(service) is not { } workaround)
                {
                    continue;
                }

                string on = service.Get("host_name") ?? service.Get("hostgroup_name") ?? "";
                if (!uses.TryGetValue((description, workaround.Url), out var use))
                {
                    uses[(description, workaround.Url)] = use = (workaround, []);
                }

                use.Where.Add($"{server.Server.Name}:{on}");
            }
        }

        return uses.Select(u => new WorkaroundUse(u.Key.Item1, u.Value.Workaround, u.Value.Where)).ToList();
    }
}
