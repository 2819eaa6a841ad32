using System.Text;
using System.Text.RegularExpressions;
using StackFsck.Confgen.Cli;

namespace StackFsck.Confgen.Icinga2;

/// <summary>Icinga 2 configuration syntax: quoted strings, and Nagios macros said the Icinga way.</summary>
internal static partial class IcingaText
{
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Array(IEnumerable<string> values) => "[ " + string.Join(", ", values.Select(Quote)) + " ]";

    /// <summary>
    /// A Nagios value with its macros as Icinga runtime macros: <c>$HOSTADDRESS$</c> is
    /// <c>$address$</c>, <c>$_HOSTX$</c> <c>$host.vars.X$</c>, <c>$_SERVICEX$</c> <c>$service.vars.X$</c>.
    /// A macro Icinga has no equivalent for (a resource.cfg <c>$USERn$</c>: Icinga keeps no
    /// secrets file the master could sync) is an error naming where it is.
    /// </summary>
    public static string Macros(string value, string where) => Macro().Replace(value, match => match.Groups["name"].Value switch
    {
        "" => "$$",
        "HOSTADDRESS" => "$address$",
        "HOSTNAME" => "$host.name$",
        "HOSTALIAS" => "$host.display_name$",
        "SERVICEDESC" => "$service.name$",
        var name when name.StartsWith("_HOST", StringComparison.Ordinal) => $"$host.vars.{name[5..]}$",
        var name when name.StartsWith("_SERVICE", StringComparison.Ordinal) => $"$service.vars.{name[8..]}$",
        var name => throw new ConfgenException($"{where}: ${name}$ has no Icinga 2 equivalent (--engine icinga2 needs a file path, not a resource.cfg macro)"),
    });

    /// <summary>A Nagios interval in minutes (interval_length 60) as an Icinga duration.</summary>
    public static string Minutes(string value) => value + "m";

    /// <summary>Writes <c>    key = value</c>.</summary>
    public static void Attribute(StringBuilder text, string key, string value) => text.Append("  ").Append(key).Append(" = ").Append(value).Append('\n');

    [GeneratedRegex(@"\$(?<name>[A-Za-z0-9_]*)\$")]
    private static partial Regex Macro();
}
