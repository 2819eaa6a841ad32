using System.CommandLine;
using StackFsck.Alerts;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Model;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.AlertsCli;

/// <summary>
/// `confgen alerts send|report` (the StackFsck.Alerts library): hosts are placed with the
/// inventory's host index; the report's workarounds come from the model, as in `confgen audit`.
/// </summary>
public static class AlertsSubcommand
{
    public static Command Create()
    {
        Option<string> inventory = SharedOptions.Inventory();
        var render = new RenderOptions();
        return AlertsCommand.Create(
            new InventorySource(command => command.Options.Add(inventory), parse => new InventoryView(SharedOptions.Load(parse, inventory).Hosts, [])),
            new InventorySource(render.AddTo, parse =>
            {
                CloudModel model = render.Build(parse);
                return new InventoryView(model.Inventory.Hosts, model.Workarounds());
            }));
    }
}
