using YamlDotNet.RepresentationModel;

namespace StackFsck.Confgen.Inventory;

/// <summary>Reads the global scope or a cell: hosts, hypervisors and endpoints.</summary>
internal static class ScopeReader
{
    public const string HypervisorRole = "hypervisor";

    public static Scope Read(YamlMap document, YamlNode node, string name, SourceLocation where)
    {
        YamlMap scope = document.Child(node, "hosts", "hypervisors", "rabbitmq", "databases", "keystone", "vars");
        (Dictionary<string, string> custom, List<Tuning> tuning) = Vars(scope);
        if (custom.Count > 0)
        {
            throw InventoryException.At(scope.Source, $"scope '{name}' has custom variables ({string.Join(", ", custom.Keys)}): a scope's vars are check settings, lower case (SERVICE_OPTION); custom variables belong on hosts");
        }

        return new Scope(
            name,
            scope.Sequence("hosts").Select(h => Host(scope, h, [])).ToList(),
            scope.Sequence("hypervisors").Select(h => Host(scope, h, [HypervisorRole])).ToList(),
            scope.Sequence("rabbitmq").Select(e => RabbitMq(scope, e)).ToList(),
            scope.Sequence("databases").Select(e => Database(scope, e)).ToList(),
            scope.Sequence("keystone").Select(e => Keystone(scope, e)).ToList(),
            tuning,
            where);
    }

    /// <summary>
    /// A vars mapping: custom variables (upper case, become _NAME in Nagios; secrets only by
    /// reference) and check settings (lower case, SERVICE_OPTION); plain values only.
    /// </summary>
    public static (Dictionary<string, string> Custom, List<Tuning> Tuning) Vars(YamlMap map)
    {
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        var tuning = new List<Tuning>();
        foreach ((string key, SourceLocation where, YamlNode node) in map.Entries("vars"))
        {
            string value = map.Text(node);
            if (!Names.IsPlainValue(value))
            {
                throw InventoryException.At(where, $"variable '{key}': '{value}' holds characters Nagios or monasca-agent would split or expand");
            }

            if (System.Text.RegularExpressions.Regex.IsMatch(key, "^[a-z][a-z0-9_]*$"))
            {
                tuning.Add(new Tuning(key, value, where));
                continue;
            }

            if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Z][A-Z0-9_]*$"))
            {
                throw InventoryException.At(where, $"variable '{key}' must be upper case (a custom variable: A-Z, 0-9, _) or lower case (a check setting: SERVICE_OPTION)");
            }

            if (LooksSecret(key) && !Names.IsCredentialReference(value))
            {
                throw InventoryException.At(where, $"variable '{key}' looks like a secret: give a file path or a $USERn$ macro (resource.cfg), never the secret");
            }

            custom[key] = value;
        }

        return (custom, tuning);
    }

    private static bool LooksSecret(string key) =>
        key.Contains("PASSWORD", StringComparison.Ordinal) || key.Contains("SECRET", StringComparison.Ordinal) || key.Contains("TOKEN", StringComparison.Ordinal);

    private static HostSpec Host(YamlMap scope, YamlNode node, string[] impliedRoles)
    {
        YamlMap host = scope.Child(node, "name", "address", "roles", "vars", "monasca");
        string name = host.Required("name");
        if (!Names.IsHost(name))
        {
            throw InventoryException.At(host.Source, $"host name '{name}' may hold only letters, digits, '.', '_' and '-'");
        }

        string address = host.Optional("address", name);
        if (!Names.IsHost(address) && !address.Contains(':', StringComparison.Ordinal))
        {
            throw InventoryException.At(host.Source, $"address '{address}' of host '{name}' is not a host name or IP address");
        }

        List<string> roles = [.. impliedRoles];
        foreach (YamlNode roleNode in host.Sequence("roles"))
        {
            string role = host.Text(roleNode);
            InventoryLoader.RequirePart(host, roleNode, role, "role");
            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        (Dictionary<string, string> custom, List<Tuning> tuning) = Vars(host);
        return new HostSpec(name, address, roles, custom, tuning, host.Flag("monasca"), host.Source);
    }

    private static RabbitMqEndpoint RabbitMq(YamlMap scope, YamlNode node)
    {
        YamlMap endpoint = scope.Child(node, "host", "port", "vhost", "credentials_file");
        return new RabbitMqEndpoint(
            endpoint.Required("host"),
            endpoint.Integer("port", 15672),
            Plain(endpoint, "vhost", endpoint.Optional("vhost", "/")),
            Credential(endpoint, "credentials_file"),
            endpoint.Source);
    }

    private static DatabaseEndpoint Database(YamlMap scope, YamlNode node)
    {
        YamlMap endpoint = scope.Child(node, "name", "database", "host", "defaults_file", "defaults_group");
        string name = endpoint.Required("name");
        InventoryLoader.RequirePart(endpoint, node, name, "database");
        return new DatabaseEndpoint(
            name,
            Plain(endpoint, "database", endpoint.Optional("database", name)),
            endpoint.Required("host"),
            Credential(endpoint, "defaults_file"),
            Plain(endpoint, "defaults_group", endpoint.Optional("defaults_group", "client")),
            endpoint.Source);
    }

    private static KeystoneEndpoint Keystone(YamlMap scope, YamlNode node)
    {
        YamlMap endpoint = scope.Child(node, "host", "cloud");
        return new KeystoneEndpoint(endpoint.Required("host"), Plain(endpoint, "cloud", endpoint.Required("cloud")), endpoint.Source);
    }

    private static string Credential(YamlMap endpoint, string key)
    {
        string value = endpoint.Required(key);
        return Names.IsCredentialReference(value) && Names.IsPlainValue(value)
            ? value
            : throw InventoryException.At(endpoint.At(endpoint.Get(key)!), $"'{key}' must be an absolute path on the Nagios server or a $USERn$ macro, not the secret itself");
    }

    private static string Plain(YamlMap endpoint, string key, string value) => Names.IsPlainValue(value)
        ? value
        : throw InventoryException.At(endpoint.Get(key) is { } node ? endpoint.At(node) : endpoint.Source,
            $"'{key}': '{value}' holds characters Nagios or monasca-agent would split or expand");
}
