using StackFsck.Confgen.Model;
using StackFsck.Confgen.Monasca;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Render;

/// <summary>
/// A rendered configuration, in memory: relative path to text, '/' separated, in ordinal
/// order so that writing it, diffing it and hashing it are deterministic.
/// </summary>
public sealed class RenderedTree
{
    /// <summary>Marks a directory as confgen's own, so a swap never replaces anything else.</summary>
    public const string Marker = ".confgen-tree";

    public SortedDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The model's outputs: SERVER/... for each monitoring server (its object files and the
    /// nagios.cfg lines it needs) and monasca-agent/HOST/nagios_wrapper.yaml for each monasca host.
    /// </summary>
    public static RenderedTree Write(CloudModel model, DeploySettings deploy, string monascaPluginDir)
    {
        var tree = new RenderedTree();
        foreach (ServerModel server in model.Servers)
        {
            foreach (ConfigFile file in server.Files)
            {
                tree.Files[$"{server.Server.Name}/{file.Path}"] = NagiosWriter.Write(file, model.Commands);
            }

            tree.Files[$"{server.Server.Name}/{DeploySettings.LinesFile}"] = deploy.NagiosCfgLines(server.Server);
            foreach (MonascaHost host in server.Monasca)
            {
                tree.Files[WrapperWriter.PathOf(host)] = WrapperWriter.Write(host, monascaPluginDir);
            }
        }

        return tree;
    }

    /// <summary>Reads a tree written earlier (empty when the directory does not exist yet).</summary>
    public static RenderedTree Read(string directory)
    {
        var tree = new RenderedTree();
        if (!Directory.Exists(directory))
        {
            return tree;
        }

        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (relative != Marker)
            {
                tree.Files[relative] = File.ReadAllText(file);
            }
        }

        return tree;
    }
}
