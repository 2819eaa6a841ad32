using System.CommandLine;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Icinga2;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Model;

namespace StackFsck.Confgen.Render;

/// <summary>The options of every command that renders (render, diff, audit), and the render they describe.</summary>
public sealed class RenderOptions
{
    private readonly Option<string> inventory = SharedOptions.Inventory();

    private readonly Option<string> templates = new("--templates", "-T")
    {
        Description = "template directory holding common/, global/ and cell/",
        HelpName = "DIR",
        DefaultValueFactory = _ => "templates",
    };

    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "rendered tree: one folder per monitoring server, plus monasca-agent/",
        HelpName = "DIR",
        DefaultValueFactory = _ => "rendered",
    };

    private readonly Option<string> confDir = new("--conf-dir")
    {
        Description = "directory nagios.cfg reads (cfg_dir) on the Nagios servers, that the server's tree is linked into",
        DefaultValueFactory = _ => DeploySettings.Debian.ConfDir,
    };

    private readonly Option<string> resourceFile = new("--resource-file")
    {
        Description = "resource.cfg on the Nagios servers ($USER1$ = plugin directory, $USERn$ credentials)",
        DefaultValueFactory = _ => DeploySettings.Debian.ResourceFile,
    };

    private readonly Option<string> engine = new Option<string>("--engine")
    {
        Description = "what the tree is for: nagios4 (a Nagios object tree per server) or icinga2 (Icinga 2 zones: a master and its satellites)",
        DefaultValueFactory = _ => Nagios4,
    }.AcceptOnlyFromAmong(Nagios4, Icinga2);

    private readonly Option<string> pluginDir = new("--monasca-plugin-dir")
    {
        Description = "where the checks are installed on monasca-agent hosts (nagios_wrapper check_path)",
        DefaultValueFactory = _ => "/usr/lib/nagios/plugins",
    };

    public const string Nagios4 = "nagios4";
    public const string Icinga2 = "icinga2";

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { inventory, templates, output, engine, confDir, resourceFile, pluginDir })
        {
            command.Options.Add(option);
        }
    }

    public string OutputOf(ParseResult parse) => parse.GetValue(output)!;

    /// <summary>Loads the inventory and templates and builds the model (validated; nothing written).</summary>
    public CloudModel Build(ParseResult parse)
    {
        InventoryModel model = SharedOptions.Load(parse, inventory);
        string directory = parse.GetValue(templates)!;
        var layers = new TemplateSet(directory);
        return new ModelBuilder(layers, CommandCatalog.Load(Path.Combine(directory, TemplateSet.Common, CommandCatalog.FileName))).Build(model);
    }

    /// <summary>The tree a render writes for the model, in memory.</summary>
    public RenderedTree Write(ParseResult parse, CloudModel model) => parse.GetValue(engine) == Icinga2
        ? IcingaTree.Write(model, parse.GetValue(pluginDir)!)
        : RenderedTree.Write(model, new DeploySettings(parse.GetValue(confDir)!, parse.GetValue(resourceFile)!), parse.GetValue(pluginDir)!);
}
