namespace StackFsck.Plugin.Database;

/// <summary>
/// Where and how to log in to one MySQL/MariaDB server. Unset values come from the option file
/// (<see cref="DefaultsFile"/>, <see cref="DefaultsGroup"/>), as with the <c>mysql</c> client;
/// values set here win over the file. A check gets one from <see cref="DatabaseOptions.Read"/>
/// and may derive others with <c>with { Database = ... }</c> (e.g. from a Nova cell mapping).
/// </summary>
public sealed record DatabaseSettings
{
    /// <summary>How messages name this database, e.g. "keystone database".</summary>
    public string Name { get; init; } = "database";

    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Socket { get; init; }
    public string? User { get; init; }

    /// <summary>Only for passwords that do not come from argv (a cell mapping URL); prefer the option file.</summary>
    public Secret? Password { get; init; }

    public string? Database { get; init; }
    public string? DefaultsFile { get; init; }
    public string? DefaultsGroup { get; init; }
    public DatabaseTls Tls { get; init; } = DatabaseTls.None;

    /// <summary>The database and its server, for messages and stage names: never a password.</summary>
    public string Where() => Database is null ? Server() : $"{Database} on {Server()}";

    public string Server() =>
        Socket is not null ? $"socket {Socket}"
        : Host is not null ? Port is int port ? $"{Host}:{port}" : Host
        : DefaultsFile is not null ? $"the server named in {DefaultsFile}"
        : "the server of the option files";
}

/// <summary>TLS to the server: <see cref="Required"/> (--ssl, or any of the files given) refuses a plain connection.</summary>
public sealed record DatabaseTls(bool Required, string? CaFile, string? CertFile, string? KeyFile, bool VerifyServerCert)
{
    public static readonly DatabaseTls None = new(false, null, null, null, false);
}
