using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace StackFsck.Tests;

/// <summary>
/// A private Icinga 2 installation in a scratch folder: the stock configuration tests/services/icinga2.sh
/// prepared, a zones.conf and a zones.d of the test's choosing, and every directory constant
/// (ConfigDir, ZonesDir, DataDir, CacheDir, LogDir, InitRunDir, SpoolDir) moved inside it, so
/// nothing under /etc/icinga2 or /var is read or written. <see cref="Validate"/> is the
/// pre-flight check (<c>icinga2 daemon -C</c>); <see cref="Icinga2Daemon"/> runs one.
/// </summary>
public sealed class Icinga2Prefix : IDisposable
{
    public Icinga2Prefix(string nodeName)
    {
        NodeName = nodeName;
        Root = Directory.CreateTempSubdirectory("icinga2-prefix-").FullName;
        CopyFolder(Repo.Service("STACKFSCK_ICINGA2_ETC"), Etc);
        Directory.CreateDirectory(ZonesDir);
        foreach (string folder in new[] { DataDir, CacheDir, LogDir, RunDir, SpoolDir })
        {
            Directory.CreateDirectory(folder);
        }
    }

    public string NodeName { get; }

    public string Root { get; }

    public string Etc => Path.Combine(Root, "etc");

    public string ZonesDir => Path.Combine(Etc, "zones.d");

    public string DataDir => Path.Combine(Root, "var", "lib");

    public string LogDir => Path.Combine(Root, "var", "log");

    private string CacheDir => Path.Combine(Root, "var", "cache");

    private string RunDir => Path.Combine(Root, "var", "run");

    private string SpoolDir => Path.Combine(Root, "var", "spool");

    /// <summary>The daemon's arguments after the command (<c>daemon</c>, <c>daemon -C</c>): the configuration file and <see cref="Defines"/>.</summary>
    public IReadOnlyList<string> Arguments => ["-c", Path.Combine(Etc, "icinga2.conf"), .. Defines];

    /// <summary>Every moved constant, which the CLI commands (<c>pki</c>) take too; running as root keeps them from dropping to the nagios user, who cannot write here.</summary>
    private IReadOnlyList<string> Defines =>
    [
        $"-DConfigDir={Etc}", $"-DZonesDir={ZonesDir}", $"-DDataDir={DataDir}", $"-DCacheDir={CacheDir}",
        $"-DLogDir={LogDir}", $"-DInitRunDir={RunDir}", $"-DSpoolDir={SpoolDir}",
        "-DRunAsUser=root", "-DRunAsGroup=root", $"-DNodeName={NodeName}",
    ];

    /// <summary>A prefix holding a rendered tree: its zones.conf and, when it has one, its zones.d.</summary>
    public static Icinga2Prefix ForTree(string tree, string nodeName)
    {
        var prefix = new Icinga2Prefix(nodeName);
        File.Copy(Path.Combine(tree, "zones.conf"), Path.Combine(prefix.Etc, "zones.conf"), overwrite: true);
        if (Directory.Exists(Path.Combine(tree, "zones.d")))
        {
            CopyFolder(Path.Combine(tree, "zones.d"), prefix.ZonesDir);
        }

        return prefix;
    }

    /// <summary>Writes a file into the configuration folder (zones.conf, zones.d/ZONE/x.conf, ...).</summary>
    public void WriteConfig(string relative, string text)
    {
        string path = Path.Combine(Etc, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>
    /// Objects outside any zone, in a file icinga2.conf includes: a daemon without the api feature
    /// has no local zone, so it checks only objects that belong to none.
    /// </summary>
    public void IncludeObjects(string fileName, string text)
    {
        WriteConfig(fileName, text);
        File.AppendAllText(Path.Combine(Etc, "icinga2.conf"), $"\ninclude \"{fileName}\"\n");
    }

    /// <summary>Turns a feature on as <c>icinga2 feature enable</c> does: a link in features-enabled.</summary>
    public void EnableFeature(string feature)
    {
        string link = Path.Combine(Etc, "features-enabled", feature + ".conf");
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, Path.Combine("..", "features-available", feature + ".conf"));
        }
    }

    /// <summary>
    /// The compatlog feature on, with the folders it writes into, which Icinga 2 does not create
    /// itself (the package does, under /var/log): returns the log's path, LogDir/compat/icinga.log.
    /// </summary>
    public string EnableCompatLog()
    {
        EnableFeature("compatlog");
        string compat = Directory.CreateDirectory(Path.Combine(LogDir, "compat", "archives")).Parent!.FullName;
        return Path.Combine(compat, "icinga.log");
    }

    /// <summary>Sets a constant of constants.conf (<c>const PluginDir = "..."</c>) to another string.</summary>
    public void SetConstant(string name, string value)
    {
        string path = Path.Combine(Etc, "constants.conf");
        string[] lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, line => line.StartsWith($"const {name} = ", StringComparison.Ordinal));
        lines[index] = $"const {name} = \"{value}\"";
        File.WriteAllLines(path, lines);
    }

    /// <summary>
    /// The api feature on 127.0.0.1 with a certificate of this prefix's own CA: without it a
    /// daemon knows no local endpoint, hence no local zone, and checks nothing that lives in zones.d.
    /// </summary>
    public void EnableApi()
    {
        MakeCertificateAuthority();
        EnableApi(this, Repo.Service("STACKFSCK_ICINGA2_API_PORT"));
    }

    /// <summary>
    /// The api feature on 127.0.0.1 at <paramref name="port"/>, with a certificate for this node
    /// signed by <paramref name="authority"/>'s CA (<c>icinga2 pki new-cert</c>, <c>pki sign-csr</c>),
    /// as Icinga's distributed-monitoring docs set up a master and its satellites; a satellite
    /// accepts the configuration its master syncs and the commands it sends.
    /// </summary>
    public void EnableApi(Icinga2Prefix authority, string port, bool acceptConfig = false)
    {
        string certs = Directory.CreateDirectory(Path.Combine(DataDir, "certs")).FullName;
        string key = Path.Combine(certs, NodeName + ".key"), request = Path.Combine(certs, NodeName + ".csr");
        Pki("new-cert", "--cn", NodeName, "--key", key, "--csr", request);
        authority.Pki("sign-csr", "--csr", request, "--cert", Path.Combine(certs, NodeName + ".crt"));
        File.Copy(Path.Combine(authority.DataDir, "ca", "ca.crt"), Path.Combine(certs, "ca.crt"));
        string accept = acceptConfig ? "  accept_config = true\n  accept_commands = true\n" : "";
        WriteConfig("features-enabled/api.conf",
            $"object ApiListener \"api\" {{\n  bind_host = \"127.0.0.1\"\n  bind_port = {port}\n{accept}}}\n");
    }

    /// <summary>A CA in this prefix's DataDir/ca (<c>icinga2 pki new-ca</c>), as on a master.</summary>
    public void MakeCertificateAuthority() => Pki("new-ca");

    /// <summary>
    /// The last check result of each host and service (<c>HOST</c>, <c>HOST!SERVICE</c>) in the
    /// state file the daemon wrote when it stopped (a netstring per object).
    /// </summary>
    public Dictionary<string, JsonElement> LastCheckResults()
    {
        byte[] state = File.ReadAllBytes(Path.Combine(DataDir, "icinga2.state"));
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (int at = 0; at < state.Length;)
        {
            int colon = Array.IndexOf(state, (byte)':', at);
            int length = int.Parse(Encoding.ASCII.GetString(state, at, colon - at), System.Globalization.CultureInfo.InvariantCulture);
            JsonElement item = JsonDocument.Parse(state.AsMemory(colon + 1, length)).RootElement;
            if (item.GetProperty("update").TryGetProperty("last_check_result", out JsonElement result) && result.ValueKind == JsonValueKind.Object)
            {
                results[item.GetProperty("name").GetString()!] = result;
            }

            at = colon + 1 + length + 1; // the netstring's trailing comma
        }

        return results;
    }

    /// <summary>
    /// <c>icinga2 daemon -C</c>: the exit code and output. <see cref="Problems"/> picks out what
    /// a test must refuse: a failed validation, and every warning ("Ignoring directory ... for
    /// unknown zone" is only a warning to Icinga: the objects in it silently vanish).
    /// </summary>
    public (int ExitCode, string Output) Validate() => Run(["daemon", "-C", .. Arguments]);

    private void Pki(params string[] command)
    {
        (int exitCode, string output) = Run(["pki", .. command, .. Defines]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"icinga2 pki {command[0]} exited {exitCode}: {output}");
        }
    }

    private static (int ExitCode, string Output) Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Repo.Service("STACKFSCK_ICINGA2"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"icinga2 {arguments[0]} ran longer than 5 minutes");
        }

        return (process.ExitCode, output + error.Result);
    }

    /// <summary>The lines of a validation's output that make it a failure here; empty when Icinga 2 accepted the tree without a warning.</summary>
    public static IReadOnlyList<string> Problems((int ExitCode, string Output) validation)
    {
        List<string> problems = validation.Output.Split('\n')
            .Where(line => line.Contains(" warning/", StringComparison.Ordinal) || line.Contains(" critical/", StringComparison.Ordinal))
            .ToList();
        if (validation.ExitCode != 0 || !validation.Output.Contains("Finished validating the configuration file(s).", StringComparison.Ordinal))
        {
            problems.Add($"icinga2 daemon -C exited {validation.ExitCode}:\n{validation.Output}");
        }

        return problems;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (FileSystemInfo entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            string target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                File.CreateSymbolicLink(target, linkTarget); // features-enabled: relative links into features-available
            }
            else if (entry is DirectoryInfo)
            {
                CopyFolder(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
