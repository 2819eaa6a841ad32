using System.Text;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Model;
using StackFsck.Confgen.Monasca;
using StackFsck.Confgen.Nagios;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Icinga2;

/// <summary>
/// The model as Icinga 2's distributed configuration, one folder per monitoring server named
/// after its Endpoint. Each environment's global (or mixed) server is the master: its folder
/// holds zones.conf (every Endpoint and Zone, the satellites' zones with the master as parent,
/// the global zone global-templates) and zones.d/: global-templates/ (a CheckCommand per
/// check command, and the host and service templates), master/ (what the master
/// watches) and one folder per cell server's zone (its hosts and services, which the master
/// syncs to it and it runs). A cell server's folder holds its own zones.conf.
/// </summary>
public static class IcingaTree
{
    public const string MasterZone = "master";
    public const string GlobalZone = "global-templates";

    public static RenderedTree Write(CloudModel model, string monascaPluginDir)
    {
        var tree = new RenderedTree();
        foreach (IGrouping<string, ServerModel> environment in model.Servers.GroupBy(s => s.Environment.Name))
        {
            Environment(environment.ToList(), model.Commands, tree);
        }

        foreach (MonascaHost host in model.Servers.SelectMany(s => s.Monasca))
        {
            tree.Files[WrapperWriter.PathOf(host)] = WrapperWriter.Write(host, monascaPluginDir);
        }

        return tree;
    }

    /// <summary>The zone a server's endpoint is in: the master zone, or one named after the cells a cell server watches.</summary>
    public static string ZoneOf(ServerModel server) => server.Server.Class == ServerClass.Cell
        ? string.Join('+', server.Environment.ScopesOf(server.Server).Select(scope => scope.Name))
        : MasterZone;

    private static void Environment(List<ServerModel> servers, CommandCatalog catalog, RenderedTree tree)
    {
        List<ServerModel> masters = servers.Where(s => s.Server.Class != ServerClass.Cell).ToList();
        if (masters.Count != 1)
        {
            throw new ConfgenException($"{servers[0].Environment.Source}: environment '{servers[0].Environment.Name}' has {masters.Count} global or mixed servers; "
                + "--engine icinga2 renders one master zone per environment: give it exactly one");
        }

        ServerModel master = masters[0];
        string root = master.Server.Name + "/";
        tree.Files[root + $"zones.d/{GlobalZone}/commands.conf"] = CommandsFile(Commands(catalog));
        // The handlers apart from the CheckCommands, which ship alone as icinga2/stackfsck-commands.conf.
        if (IcingaEventCommands.Of(servers, catalog) is { Count: > 0 } handlers)
        {
            tree.Files[root + $"zones.d/{GlobalZone}/event-commands.conf"] = "# The workarounds' event handlers (rendered by confgen from the services' _WORKAROUND_* variables).\n"
                + string.Concat(handlers.Values.Select(command => "\n" + command));
        }
        tree.Files[root + $"zones.d/{GlobalZone}/templates.conf"] = Objects(
            "Host and service templates", new IcingaObjects(master.Objects, master.Objects, catalog),
            master.Files.Where(f => f.Path.StartsWith("common/", StringComparison.Ordinal)).SelectMany(f => f.Objects).Where(o => o.IsTemplate));

        var zoneOfHost = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ServerModel server in servers)
        {
            string zone = ZoneOf(server);
            foreach (string host in server.Hosts.Select(h => h.Get("host_name")!))
            {
                if (!zoneOfHost.TryAdd(host, zone) && zoneOfHost[host] != zone)
                {
                    throw new ConfgenException($"host '{host}' is watched by servers in zones '{zoneOfHost[host]}' and '{zone}': an Icinga 2 object lives in one zone");
                }
            }

            var translate = new IcingaObjects(server.Objects, master.Objects, catalog);
            string prefix = $"environments/{server.Environment.Name}/";
            foreach (ConfigFile file in server.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)))
            {
                string path = $"{root}zones.d/{zone}/{Path.ChangeExtension(file.Path[prefix.Length..], ".conf")}";
                tree.Files[path] = Objects($"{file.Path} of {server.Server.Name}", translate, file.Objects);
            }

            tree.Files[server.Server.Name + "/zones.conf"] = ZonesConf(server, master, servers);
        }
    }

    /// <summary>A CheckCommand for every command of the catalog, used or not: an Icinga 2 user can run every check from the global zone (or the standalone file).</summary>
    private static IEnumerable<IcingaCommand> Commands(CommandCatalog catalog) =>
        catalog.Commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => IcingaCommand.From(c, catalog));

    /// <summary>The CheckCommands as one file: the global zone's, and (the same text) what an Icinga 2 user includes without confgen.</summary>
    internal static string CommandsFile(IEnumerable<IcingaCommand> commands)
    {
        var text = new StringBuilder("""
            // stackfsck CheckCommands for Icinga 2, rendered by confgen from templates/common/commands.yaml (the same
            // text as icinga2/stackfsck-commands.conf, which Icinga 2 users include without confgen). Each option is a
            // custom variable named after the check and the option; PluginDir is where the checks are installed.
            // Services set vars.TIMEOUT (each check's -t) and hypervisor hosts vars.SSH_PORT, as confgen's templates do.

            """);
        foreach (IcingaCommand command in commands)
        {
            text.Append('\n');
            command.Write(text);
        }

        return text.ToString();
    }

    private static string Objects(string what, IcingaObjects translate, IEnumerable<NagiosObject> objects)
    {
        var text = new StringBuilder($"// {what}, rendered by confgen for Icinga 2.\n");
        foreach (NagiosObject item in objects)
        {
            translate.Write(item, text);
        }

        return text.ToString();
    }

    /// <summary>
    /// The master's zones.conf names every endpoint and zone of the environment; a satellite's,
    /// the master's and its own (Icinga's distributed-monitoring layout). Other endpoints carry
    /// their host, so either side can open the connection.
    /// </summary>
    private static string ZonesConf(ServerModel server, ServerModel master, List<ServerModel> servers)
    {
        IEnumerable<ServerModel> known = server == master ? servers : [master, server];
        var text = new StringBuilder($"// Endpoints and zones of environment {server.Environment.Name}, rendered by confgen for {server.Server.Name}.\n");
        foreach (ServerModel endpoint in known)
        {
            text.Append("\nobject Endpoint ").Append(IcingaText.Quote(endpoint.Server.Name)).Append(" {\n");
            if (endpoint != server)
            {
                IcingaText.Attribute(text, "host", IcingaText.Quote(endpoint.Server.Name));
            }

            text.Append("}\n");
        }

        foreach (ServerModel endpoint in known)
        {
            text.Append("\nobject Zone ").Append(IcingaText.Quote(ZoneOf(endpoint))).Append(" {\n");
            IcingaText.Attribute(text, "endpoints", IcingaText.Array([endpoint.Server.Name]));
            if (endpoint != master)
            {
                IcingaText.Attribute(text, "parent", IcingaText.Quote(MasterZone));
            }

            text.Append("}\n");
        }

        text.Append("\nobject Zone ").Append(IcingaText.Quote(GlobalZone)).Append(" {\n  global = true\n}\n");
        return text.ToString();
    }
}
