namespace StackFsck.Tests;

/// <summary>
/// An iSCSI sysfs tree as the kernel's iSCSI transport class lays it out, for hosts where no real
/// session can be made (a container without the iscsi_tcp module): <c>ROOT/class/iscsi_session/sessionN</c>
/// holds <c>targetname</c> and a <c>device</c> link to <c>ROOT/devices/platform/hostH/sessionN</c>, under
/// which <c>connectionN:0/iscsi_connection/connectionN:0/persistent_address</c> and <c>persistent_port</c>.
/// </summary>
public sealed class IscsiSysfs : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("iscsi-sysfs");
    private int _next = 1;

    public IscsiSysfs() => Directory.CreateDirectory(Sessions);

    /// <summary>What --iscsi-sysfs takes: the class directory.</summary>
    public string Sessions => Path.Combine(_root.FullName, "class", "iscsi_session");

    /// <summary>Adds a logged-in session to <paramref name="iqn"/> at <paramref name="address"/>:<paramref name="port"/>; returns its name (sessionN).</summary>
    public string Add(string iqn, string address, int port = 3260)
    {
        int id = _next++;
        string name = $"session{id}";
        string device = Path.Combine(_root.FullName, "devices", "platform", $"host{id + 1}", name);
        string connection = Path.Combine(device, $"connection{id}:0", "iscsi_connection", $"connection{id}:0");
        Directory.CreateDirectory(connection);
        File.WriteAllText(Path.Combine(connection, "persistent_address"), address + "\n");
        File.WriteAllText(Path.Combine(connection, "persistent_port"), $"{port}\n");
        string session = Path.Combine(Sessions, name);
        Directory.CreateDirectory(session);
        File.WriteAllText(Path.Combine(session, "targetname"), iqn + "\n");
        File.CreateSymbolicLink(Path.Combine(session, "device"), Path.GetRelativePath(session, device));
        return name;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
