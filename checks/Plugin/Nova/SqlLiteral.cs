namespace StackFsck.Plugin.Nova;

/// <summary>
/// Quotes a value (a host name from the command line) as a MySQL string literal. The database
/// layer has no bound parameters; only the backslash and the quote itself need escaping
/// under the default sql_mode, and NUL never belongs in a host name.
/// </summary>
public static class SqlLiteral
{
    public static string Quote(string value) =>
        "'" + value.Replace("\0", "", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
