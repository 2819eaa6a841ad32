using System.Collections.Concurrent;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Monasca;

namespace StackFsck.Confgen.Render;

/// <summary>
/// Renders the whole inventory in memory: SERVER/... for each monitoring server and
/// monasca-agent/HOST/nagios_wrapper.yaml for each monasca host. Servers render in parallel;
/// the result is keyed by path, so it does not depend on the order they finish in.
/// </summary>
public sealed class Renderer(TemplateSet templates, DeploySettings deploy, string monascaPluginDir)
{
    public IReadOnlyList<RenderedServer> Servers { get; private set; } = [];

    public RenderedTree Render(InventoryModel inventory)
    {
        var renderer = new ServerRenderer(templates, deploy);
        List<(EnvironmentSpec Environment, ServerSpec Server)> servers =
            inventory.Environments.SelectMany(e => e.Servers.Select(s => (e, s))).ToList();
        var results = new ConcurrentDictionary<int, RenderedServer>();
        var failures = new ConcurrentDictionary<int, Exception>();
        Parallel.For(0, servers.Count, i =>
        {
            try
            {
                results[i] = renderer.Render(servers[i].Environment, servers[i].Server);
            }
            catch (Exception error)
            {
                failures[i] = error;
            }
        });

        // The first failing server in inventory order, so the same mistake always gives the same message.
        if (!failures.IsEmpty)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[failures.Keys.Min()]);
        }

        Servers = [.. Enumerable.Range(0, servers.Count).Select(i => results[i])];

        var tree = new RenderedTree();
        foreach (RenderedServer server in Servers)
        {
            foreach ((string path, string text) in server.Files)
            {
                tree.Files[$"{server.Server.Name}/{path}"] = text;
            }

            foreach ((string path, string text) in NagiosWrapper.Render(server, monascaPluginDir))
            {
                tree.Files[path] = text;
            }
        }

        return tree;
    }
}
