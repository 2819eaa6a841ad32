namespace StackFsck.Checks.DbBloat;

/// <summary>The OpenStack services whose databases the check knows, and how each cleans up its soft-deleted rows.</summary>
internal enum OpenStackService
{
    Nova,
    NovaApi,
    Cinder,
    Glance,
    Heat,
    Neutron,
    Keystone,
}

/// <summary>One <c>--database NAME[:SERVICE]</c>: a schema on the server and the service that owns it.</summary>
internal sealed record ServiceDatabase(string Name, OpenStackService Service)
{
    private static readonly (string Prefix, OpenStackService Service)[] Guesses =
    [
        ("nova_api", OpenStackService.NovaApi), ("nova", OpenStackService.Nova), ("cinder", OpenStackService.Cinder),
        ("glance", OpenStackService.Glance), ("heat", OpenStackService.Heat), ("neutron", OpenStackService.Neutron),
        ("keystone", OpenStackService.Keystone),
    ];

    /// <summary>"nova_cell1" is Nova's, "cinder" Cinder's; any other name says its service: "cloud_volumes:cinder".</summary>
    public static ServiceDatabase Parse(string text)
    {
        string[] parts = text.Split(':', 2);
        string name = parts[0].Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"--database '{text}' names no database");
        }

        if (parts.Length == 2)
        {
            return TryService(parts[1], out OpenStackService known)
                ? new ServiceDatabase(name, known)
                : throw new FormatException($"unknown service '{parts[1]}' in --database '{text}' (one of {Known})");
        }

        foreach ((string prefix, OpenStackService service) in Guesses)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return new ServiceDatabase(name, service);
            }
        }

        throw new FormatException($"cannot tell which service owns database '{name}': write it as {name}:SERVICE ({Known})");
    }

    /// <summary>A service as operators write it: nova, nova_api (or nova-api), cinder...</summary>
    public static bool TryService(string text, out OpenStackService service) =>
        Enum.TryParse(text.Replace("-", "_").Replace("_", ""), ignoreCase: true, out service) && Enum.IsDefined(service);

    private static string Known => "nova, nova_api, cinder, glance, heat, neutron, keystone";
}

internal static class OpenStackServiceExtensions
{
    /// <summary>The service's name as operators write it: nova, nova_api, cinder.</summary>
    public static string Word(this OpenStackService service) =>
        service == OpenStackService.NovaApi ? "nova_api" : service.ToString().ToLowerInvariant();
}
