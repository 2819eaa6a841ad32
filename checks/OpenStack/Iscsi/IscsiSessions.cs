namespace StackFsck.OpenStack.Iscsi;

/// <summary>
/// One iSCSI session of this host as the kernel shows it in sysfs: <c>sessionN</c>, the target's
/// IQN and the portal (address and port) its first connection reaches; both may be unknown when
/// the session is being torn down.
/// </summary>
public sealed record IscsiSession(string Name, string? Target, string? Address, int? Port)
{
    /// <summary>The session id iscsiadm takes (<c>-r N</c>): the number in <c>sessionN</c>.</summary>
    public string Id => Name["session".Length..];

    /// <summary><c>ADDRESS:PORT</c> as connection_info's target_portal writes it (an IPv6 address in brackets).</summary>
    public string? Portal => Address is null ? null : $"{(Address.Contains(':') ? $"[{Address}]" : Address)}:{Port ?? 3260}";
}

/// <summary>
/// Reads the iSCSI sessions from sysfs, laid out as the kernel's iSCSI transport class does:
/// <c>/sys/class/iscsi_session/sessionN/targetname</c>, and through the session's <c>device</c> link
/// <c>connectionN:C/iscsi_connection/connectionN:C/persistent_address</c> and <c>persistent_port</c>.
/// No iscsiadm: reading files cannot hang on a dead portal.
/// </summary>
public static class IscsiSessions
{
    public const string DefaultDirectory = "/sys/class/iscsi_session";

    /// <summary>Every session under <paramref name="directory"/>; none when it does not exist (the iSCSI transport is not loaded).</summary>
    public static List<IscsiSession> Read(string directory)
    {
        var sessions = new List<IscsiSession>();
        if (!Directory.Exists(directory))
        {
            return sessions;
        }

        foreach (string session in Directory.EnumerateFileSystemEntries(directory, "session*").Order(StringComparer.Ordinal))
        {
            (string? address, int? port) = Portal(Path.Combine(session, "device"));
            sessions.Add(new IscsiSession(Path.GetFileName(session), Value(Path.Combine(session, "targetname")), address, port));
        }

        return sessions;
    }

    private static (string? Address, int? Port) Portal(string device)
    {
        if (!Directory.Exists(device))
        {
            return (null, null);
        }

        foreach (string connection in Directory.EnumerateDirectories(device, "connection*").Order(StringComparer.Ordinal))
        {
            string attributes = Path.Combine(connection, "iscsi_connection", Path.GetFileName(connection));
            if (Value(Path.Combine(attributes, "persistent_address")) is string address)
            {
                return (address, int.TryParse(Value(Path.Combine(attributes, "persistent_port")), out int port) ? port : null);
            }
        }

        return (null, null);
    }

    /// <summary>A sysfs attribute's value, trimmed; null when absent, unreadable or empty (a session being torn down).</summary>
    private static string? Value(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
