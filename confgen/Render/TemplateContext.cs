using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.Render;

/// <summary>
/// What templates see, as plain dictionaries and lists (keys in snake_case, like the inventory).
/// Every key is always present, so a template typo fails the render instead of rendering empty.
/// </summary>
public static class TemplateContext
{
    /// <summary>Nova's name for a compute host ([DEFAULT]/host) when it differs from the Nagios host name.</summary>
    public const string NovaHostVar = "NOVA_HOST";

    public static Dictionary<string, object?> ForServer(EnvironmentSpec environment, ServerSpec server) => new()
    {
        ["environment"] = environment.Name,
        ["server"] = server.Name,
        ["class"] = ClassName(server.Class),
        ["contacts"] = environment.Contacts.Select(c => new Dictionary<string, object?>
        {
            ["name"] = c.Name,
            ["email"] = c.Email,
            ["pager"] = c.Pager,
        }).ToList(),
        ["contact_names"] = string.Join(',', environment.Contacts.Select(c => c.Name)),
        ["vars"] = Vars(environment.Vars),
    };

    public static Dictionary<string, object?> ForScope(EnvironmentSpec environment, ServerSpec server, Scope scope)
    {
        string prefix = $"{environment.Name}_{scope.Name}";
        Dictionary<string, object?> context = ForServer(environment, server);
        context["scope"] = scope.Name;
        context["hostgroup"] = prefix;
        context["hosts"] = scope.Hosts.Select(h => Host(h, prefix)).ToList();
        context["hypervisors"] = scope.Hypervisors.Select(h => Host(h, prefix)).ToList();
        context["roles"] = scope.AllHosts.SelectMany(h => h.Roles).Distinct().Order(StringComparer.Ordinal)
            .Select(role => new Dictionary<string, object?> { ["name"] = role, ["hostgroup"] = $"{prefix}_{role}" }).ToList();
        context["rabbitmq"] = scope.RabbitMq.Select(e => new Dictionary<string, object?>
        {
            ["host"] = e.Host,
            ["port"] = e.Port,
            ["vhost"] = e.Vhost,
            ["credentials_file"] = e.CredentialsFile,
        }).ToList();
        context["databases"] = scope.Databases.ToDictionary(d => d.Name, Database);
        context["database_list"] = scope.Databases.Select(Database).ToList();
        context["keystone"] = scope.Keystone.Select(e => new Dictionary<string, object?> { ["host"] = e.Host, ["cloud"] = e.Cloud }).ToList();
        return context;
    }

    public static string ClassName(ServerClass @class) => @class.ToString().ToLowerInvariant();

    private static Dictionary<string, object?> Host(HostSpec host, string prefix) => new()
    {
        ["name"] = host.Name,
        ["address"] = host.Address,
        ["hostgroups"] = string.Join(',', host.Roles.Select(r => $"{prefix}_{r}").Prepend(prefix)),
        ["vars"] = Vars(host.Vars.Where(v => v.Key != NovaHostVar)),
        ["monasca"] = host.Monasca,
        ["nova_host"] = host.Vars.GetValueOrDefault(NovaHostVar) ?? host.Name,
    };

    private static Dictionary<string, object?> Database(DatabaseEndpoint endpoint) => new()
    {
        ["name"] = endpoint.Name,
        ["database"] = endpoint.Database,
        ["host"] = endpoint.Host,
        ["defaults_file"] = endpoint.DefaultsFile,
        ["defaults_group"] = endpoint.DefaultsGroup,
    };

    private static List<Dictionary<string, object?>> Vars(IEnumerable<KeyValuePair<string, string>> vars) =>
        vars.OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new Dictionary<string, object?> { ["key"] = v.Key, ["value"] = v.Value })
            .ToList();
}
