using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.Render;

/// <summary>Where the rendered tree lands on a Nagios server, for the nagios.cfg lines each server needs.</summary>
public sealed record DeploySettings(string ConfDir, string ResourceFile)
{
    public static readonly DeploySettings Debian = new("/etc/nagios4/conf.d", "/etc/nagios4/resource.cfg");

    /// <summary>The file, beside a server's objects, holding the nagios.cfg lines it needs.</summary>
    public const string LinesFile = "nagios.cfg.lines";

    public string NagiosCfgLines(ServerSpec server) =>
        $"""
        # nagios.cfg lines for {server.Name} ({TemplateContext.ClassName(server.Class)} server), rendered by confgen.
        # Link this directory into {ConfDir} (e.g. as {ConfDir}/stackfsck); nagios.cfg must read that
        # directory once, and define $USER1$ (the plugin directory) in the resource file; $USERn$
        # macros the inventory names for credentials live there too.
        cfg_dir={ConfDir}
        resource_file={ResourceFile}
        # While a host is DOWN, its services are not checked: a dead hypervisor is one problem (the
        # host), not one more per service, and its checks do not queue up behind their timeouts.
        host_down_disable_service_checks=1

        """;
}
