namespace StackFsck.Confgen.Inventory;

/// <summary>An inventory mistake, worded for the operator and pointing at the file and line.</summary>
public sealed class InventoryException(string message) : Exception(message)
{
    public static InventoryException At(SourceLocation where, string message) => new($"{where}: {message}");
}
