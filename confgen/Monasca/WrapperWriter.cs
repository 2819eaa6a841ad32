using System.Text;

namespace StackFsck.Confgen.Monasca;

/// <summary>Writes monasca-agent's nagios_wrapper.yaml for a host, one instance per check.</summary>
public static class WrapperWriter
{
    public const string Folder = "monasca-agent";

    public static string PathOf(MonascaHost host) => $"{Folder}/{host.Host}/nagios_wrapper.yaml";

    /// <param name="host">The host and its checks.</param>
    /// <param name="pluginDir">Where the checks are installed on the host (check_path).</param>
    public static string Write(MonascaHost host, string pluginDir)
    {
        var text = new StringBuilder();
        text.Append("# monasca-agent nagios_wrapper for ").Append(host.Host).Append(", rendered by confgen from the Nagios services of ")
            .Append(host.Server).Append('\n');
        text.Append("init_config:\n  check_path: ").Append(pluginDir).Append("\n  temp_file_path: /dev/shm/\ninstances:\n");
        foreach (MonascaCheck check in host.Checks)
        {
            text.Append("  - name: ").Append(check.Service).Append('\n')
                .Append("    check_command: ").Append(check.CommandLine).Append('\n')
                .Append("    check_interval: ").Append(check.IntervalSeconds).Append('\n')
                .Append("    dimensions:\n      service: ").Append(check.Service).Append('\n')
                .Append("      environment: ").Append(host.Environment).Append('\n');
        }

        return text.ToString();
    }
}
