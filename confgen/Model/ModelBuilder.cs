using System.Collections.Concurrent;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Monasca;
using StackFsck.Confgen.Nagios;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Model;

/// <summary>
/// Builds the <see cref="CloudModel"/>: for each monitoring server, the layered templates render
/// common/ (templates/common) and, for each scope it watches, environments/ENV/SCOPE/
/// (templates/global or templates/cell); their output is read once into objects, beside the
/// commands of the catalog (templates/common/commands.yaml); services get their check options
/// (<see cref="ServiceArguments"/>); everything is validated (so nothing invalid is ever written),
/// and the monasca-agent checks are derived from the objects.
/// Servers build in parallel; the result keeps inventory order whatever order they finish in.
/// </summary>
public sealed class ModelBuilder(TemplateSet templates, CommandCatalog commands)
{
    public CloudModel Build(InventoryModel inventory)
    {
        List<(EnvironmentSpec Environment, ServerSpec Server)> servers =
            inventory.Environments.SelectMany(e => e.Servers.Select(s => (e, s))).ToList();
        var results = new ServerModel[servers.Count];
        var failures = new ConcurrentDictionary<int, Exception>();
        var used = new ConcurrentDictionary<Tuning, bool>();
        Parallel.For(0, servers.Count, i =>
        {
            try
            {
                results[i] = Server(servers[i].Environment, servers[i].Server, used);
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

        InventoryTuning.RequireAllUsed(inventory, used);
        return new CloudModel(inventory, commands, results);
    }

    private ServerModel Server(EnvironmentSpec environment, ServerSpec server, ConcurrentDictionary<Tuning, bool> used)
    {
        string where = $"server {server.Name}";
        var files = new List<ConfigFile> { CommandObjects.File(commands, server.Name) };
        foreach ((string name, string text) in templates.Render(TemplateSet.Common, TemplateContext.ForServer(environment, server), where))
        {
            files.Add(Read(server, $"common/{name}", text));
        }

        foreach (Scope scope in environment.ScopesOf(server))
        {
            string layer = scope.IsGlobal ? TemplateSet.Global : TemplateSet.Cell;
            object context = TemplateContext.ForScope(environment, server, scope);
            foreach ((string name, string text) in templates.Render(layer, context, $"{where}, scope {scope.Name}"))
            {
                files.Add(Read(server, $"environments/{environment.Name}/{scope.Name}/{name}", text));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var objects = new ObjectSet(files.SelectMany(f => f.Objects).ToList());
        InventoryTuning.Apply(environment, files, objects, commands, used);
        List<string> errors = [.. ObjectValidator.Check(objects.All)];
        ServiceArguments.Apply(objects, commands, errors);
        if (EventHandlers.Apply(objects, commands, server.Name, errors) is { } handlers)
        {
            files.Add(handlers);
            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            objects = new ObjectSet(files.SelectMany(f => f.Objects).ToList());
        }

        if (errors.Count > 0)
        {
            // One line, as every confgen error: the first problem (rendered file and line), and how many follow it.
            throw new ConfgenException(errors.Count == 1 ? errors[0]
                : $"{errors[0]} (and {errors.Count - 1} more problem(s) in the configuration rendered for {server.Name})");
        }

        return new ServerModel(environment, server, files, objects, MonascaChecks.Of(objects, commands, server.Name, environment.Name));
    }

    private static ConfigFile Read(ServerSpec server, string path, string text) => ObjectParser.Read(path, $"{server.Name}/{path}", text);
}
