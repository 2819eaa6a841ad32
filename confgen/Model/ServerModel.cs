using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Monasca;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Model;

/// <summary>
/// What one monitoring server runs: its Nagios object files (paths relative to its tree, e.g.
/// common/commands.cfg, environments/ENV/SCOPE/hosts.cfg), every object in them with templates
/// resolvable through <see cref="Objects"/>, and the monasca-agent hosts it feeds.
/// </summary>
public sealed class ServerModel(EnvironmentSpec environment, ServerSpec server, IReadOnlyList<ConfigFile> files, ObjectSet objects, IReadOnlyList<MonascaHost> monasca)
{
    public EnvironmentSpec Environment => environment;

    public ServerSpec Server => server;

    public IReadOnlyList<ConfigFile> Files => files;

    public ObjectSet Objects => objects;

    public IReadOnlyList<MonascaHost> Monasca => monasca;

    /// <summary>The real (not template) hosts, services, commands and service dependencies.</summary>
    public IEnumerable<NagiosObject> Hosts => Objects.Real("host");

    public IEnumerable<NagiosObject> Services => Objects.Real("service");

    public IEnumerable<NagiosObject> Commands => Objects.Real("command");

    public IEnumerable<NagiosObject> Dependencies => Objects.Real("servicedependency");
}
