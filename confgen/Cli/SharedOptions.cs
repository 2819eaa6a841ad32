using System.CommandLine;
using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.Cli;

/// <summary>Options several subcommands share, spelled the same everywhere.</summary>
public static class SharedOptions
{
    public static Option<string> Inventory() => new("--inventory", "-i")
    {
        Description = "inventory directory (every *.yaml below it is read)",
        HelpName = "DIR",
        DefaultValueFactory = _ => "environments",
    };

    /// <summary>Loads the inventory named by the option.</summary>
    public static InventoryModel Load(ParseResult parse, Option<string> inventory) => InventoryLoader.Load(parse.GetValue(inventory)!);
}
