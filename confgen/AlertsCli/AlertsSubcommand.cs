using System.CommandLine;
using System.Globalization;
using StackFsck.Alerts;
using StackFsck.Confgen.Audit;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.AlertsCli;

/// <summary>
/// `confgen alerts send|report` (the StackFsck.Alerts library): hosts are placed with the
/// inventory's host index; the report's workarounds come from the rendered services, as in `confgen audit`.
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
                (_, Renderer renderer) = render.Render(parse);
                InventoryModel model = InventoryLoader.Load(parse.GetValue<string>("--inventory")!);
                return new InventoryView(model.Hosts, WorkaroundUse.Collect(renderer.Servers).Select(Workaround).ToList());
            }));
    }

    private static StackFsck.Alerts.Workaround Workaround(WorkaroundUse use) =>
        new(use.Service, string.Join(' ', use.Where), use.Workaround.Url, use.Workaround.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), use.Workaround.Diagnosed);
}
