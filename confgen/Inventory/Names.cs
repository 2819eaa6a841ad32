using System.Text.RegularExpressions;

namespace StackFsck.Confgen.Inventory;

/// <summary>
/// The characters allowed in names. Environment, cell and role names become parts of hostgroup
/// names and StatsD metric names, so they stay machine-readable; host names are FQDNs.
/// </summary>
public static partial class Names
{
    public static bool IsPart(string name) => PartPattern().IsMatch(name);

    public static bool IsHost(string name) => HostPattern().IsMatch(name);

    /// <summary>A value Nagios reads verbatim on a directive line and passes as one argument.</summary>
    public static bool IsPlainValue(string value) => PlainValuePattern().IsMatch(value);

    /// <summary>A credential reference: a file on the Nagios server or a $USERn$ macro from resource.cfg.</summary>
    public static bool IsCredentialReference(string value) => value.StartsWith('/') || UserMacroPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex PartPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_./:@+,=$%-]*$")]
    private static partial Regex PlainValuePattern();

    [GeneratedRegex(@"^\$USER([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-6])\$$")]
    private static partial Regex UserMacroPattern();
}
