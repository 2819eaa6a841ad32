using StackFsck.Alerts;
using StackFsck.Confgen.Inventory;

namespace StackFsck.Confgen.AlertsCli;

/// <summary>
/// The inventory as alert analytics sees it: each host's environment, cell and server class (the
/// "where" of a metric name), and the workarounds for the report. stackfsck-alerts compiles this
/// file and the inventory loader in, without the rest of confgen.
/// </summary>
public sealed class InventoryView(HostIndex hosts, IReadOnlyList<Workaround> workarounds) : IAlertInventory
{
    public IReadOnlyList<Workaround> Workarounds { get; } = workarounds;

    public Placement? PlacementOf(string host) =>
        hosts.Find(host) is { } where ? new Placement(where.Environment, where.Cell, where.Class.ToString().ToLowerInvariant()) : null;
}
