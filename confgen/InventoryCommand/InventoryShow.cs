using System.CommandLine;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.InventoryCommand;

/// <summary>`confgen inventory`: validates the inventory and summarizes it, or says where one host lives.</summary>
public static class InventoryShow
{
    public static Command Create()
    {
        Option<string> inventory = SharedOptions.Inventory();
        Option<string?> host = new("--host") { Description = "print the environment, cell, server class and servers of this Nagios host" };
        var command = new Command("inventory", "validate the inventory and print a summary") { inventory, host };
        command.SetAction(parse =>
        {
            InventoryModel model = SharedOptions.Load(parse, inventory);
            if (parse.GetValue(host) is { } name)
            {
                HostLocation where = model.Hosts.Find(name) ?? throw new ConfgenException($"host '{name}' is not in the inventory");
                Console.WriteLine($"{name} environment={where.Environment} cell={where.Cell} class={where.Class.ToString().ToLowerInvariant()} servers={string.Join(',', where.Servers)}");
                return 0;
            }

            foreach (EnvironmentSpec environment in model.Environments)
            {
                int cells = environment.Cells.Count;
                int hosts = environment.Cells.Prepend(environment.Global).OfType<Scope>().Sum(s => s.AllHosts.Count());
                Console.WriteLine($"{environment.Name}: {environment.Servers.Count} servers, {cells} cells, {hosts} hosts");
            }

            return 0;
        });
        return command;
    }
}
