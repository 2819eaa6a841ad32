namespace StackFsck.Confgen.Inventory;

/// <summary>What a monitoring server watches: the global control plane, cells, or both (small environments).</summary>
public enum ServerClass
{
    Global,
    Cell,
    Mixed,
}

/// <summary>Where a definition came from, for errors that point at the file and line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>A whole inventory: every environment found under one directory.</summary>
public sealed record InventoryModel(IReadOnlyList<EnvironmentSpec> Environments)
{
    /// <summary>Maps Nagios host names to where they live (environment, cell, server class); built once.</summary>
    public HostIndex Hosts { get; } = HostIndex.Build(Environments);
}

/// <summary>One environment (a region or a dev cloud): its monitoring servers, contacts and scopes.</summary>
public sealed record EnvironmentSpec(
    string Name,
    IReadOnlyList<ServerSpec> Servers,
    IReadOnlyList<ContactSpec> Contacts,
    Scope? Global,
    IReadOnlyList<Scope> Cells,
    IReadOnlyDictionary<string, string> Vars,
    IReadOnlyList<Tuning> Tuning,
    SourceLocation Source)
{
    /// <summary>The scopes a server watches: global servers the global scope, cell servers their cells, mixed servers all.</summary>
    public IEnumerable<Scope> ScopesOf(ServerSpec server)
    {
        if (server.Class != ServerClass.Cell && Global is not null)
        {
            yield return Global;
        }

        if (server.Class == ServerClass.Global)
        {
            yield break;
        }

        foreach (Scope cell in Cells)
        {
            if (server.Cells.Count == 0 || server.Cells.Contains(cell.Name))
            {
                yield return cell;
            }
        }
    }
}

/// <summary>A Nagios server. Cell servers name their cells; a mixed server with no cells listed watches all of them.</summary>
public sealed record ServerSpec(string Name, ServerClass Class, IReadOnlyList<string> Cells, SourceLocation Source);

public sealed record ContactSpec(string Name, string Email, string? Pager, SourceLocation Source);

/// <summary>
/// The global control plane (Name "global") or one cell: hosts with roles, hypervisors, and the
/// endpoints the checks talk to. Credentials are references (a file on the Nagios server or a
/// $USERn$ macro from resource.cfg), never the secret itself.
/// </summary>
public sealed record Scope(
    string Name,
    IReadOnlyList<HostSpec> Hosts,
    IReadOnlyList<HostSpec> Hypervisors,
    IReadOnlyList<RabbitMqEndpoint> RabbitMq,
    IReadOnlyList<DatabaseEndpoint> Databases,
    IReadOnlyList<KeystoneEndpoint> Keystone,
    IReadOnlyList<Tuning> Tuning,
    SourceLocation Source)
{
    public const string GlobalName = "global";

    public bool IsGlobal => Name == GlobalName;

    public IEnumerable<HostSpec> AllHosts => Hosts.Concat(Hypervisors);
}

/// <summary>A host: its Nagios name (usually the FQDN), address, roles (become hostgroups) and custom variables.</summary>
public sealed record HostSpec(
    string Name,
    string Address,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Vars,
    IReadOnlyList<Tuning> Tuning,
    bool Monasca,
    SourceLocation Source);

/// <summary>
/// A check setting from the inventory's vars, lower case, SERVICE_OPTION (compute_queues_warning: 50,
/// keystone_revocations_timeout: 40): the option of that service's check, set where the setting is
/// (environment, scope, host; the nearest wins).
/// </summary>
public sealed record Tuning(string Key, string Value, SourceLocation Source);

/// <summary>A RabbitMQ management API; credentials in an ini file on the Nagios server.</summary>
public sealed record RabbitMqEndpoint(string Host, int Port, string Vhost, string CredentialsFile, SourceLocation Source);

/// <summary>
/// An OpenStack database (Name, what it is: nova, nova_api, keystone, neutron, cinder, glance...;
/// Database, its schema name, e.g. nova_cell1) reached through a MySQL option file on the Nagios
/// server (host, port, user, password inside).
/// </summary>
public sealed record DatabaseEndpoint(string Name, string Database, string Host, string DefaultsFile, string DefaultsGroup, SourceLocation Source);

/// <summary>A Keystone API to time token validation against, named by a cloud in the Nagios server's clouds.yaml.</summary>
public sealed record KeystoneEndpoint(string Host, string Cloud, SourceLocation Source);
