namespace StackFsck.Checks.DbBloat;

/// <summary>
/// <c>--manage-config SERVICE:FILE</c>: the configuration file a service's printed cleanup
/// command should read (<c>nova-manage --config-file FILE ...</c>); without it the command
/// reads the tool's default, /etc/SERVICE/SERVICE.conf on the controller where it is pasted.
/// </summary>
internal sealed record ManageConfig(OpenStackService Service, string File)
{
    public static ManageConfig Parse(string text)
    {
        string[] parts = text.Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new FormatException($"--manage-config '{text}' needs SERVICE:FILE, e.g. nova:/etc/nova/nova.conf");
        }

        return ServiceDatabase.TryService(parts[0], out OpenStackService service) && Cleanup.Exists(service)
            ? new ManageConfig(service, parts[1])
            : throw new FormatException($"--manage-config '{text}': '{parts[0]}' has no cleanup command (nova, cinder, glance or heat)");
    }
}
