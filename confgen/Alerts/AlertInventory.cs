namespace StackFsck.Alerts;

/// <summary>What alert analytics needs from the inventory; confgen's loader supplies it.</summary>
public interface IAlertInventory
{
    Placement? PlacementOf(string host);

    IReadOnlyList<Workaround> Workarounds { get; }
}

/// <summary>
/// How a subcommand gets its inventory: the options it takes (confgen's own: --inventory, and for
/// the report the template options too) and the loader that reads them.
/// </summary>
public sealed record InventorySource(Action<System.CommandLine.Command> AddOptions, Func<System.CommandLine.ParseResult, IAlertInventory> Load);
