namespace StackFsck.Plugin.Database;

/// <summary>Quoting for the names and values a check puts into SQL text (the layer has no bound parameters).</summary>
public static class Sql
{
    /// <summary>A schema, table or column name: <c>`name`</c>, backticks doubled.</summary>
    public static string Identifier(string name) => "`" + name.Replace("`", "``") + "`";

    /// <summary>
    /// A string value: <c>'value'</c> with quotes doubled and backslashes escaped. Safe under
    /// every sql_mode; under NO_BACKSLASH_ESCAPES a backslash in the value would match as two.
    /// </summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

    /// <summary>The members of an <c>IN (...)</c> list of uuids, as OpenStack stores them (<c>'8-4-4-4-12'</c>); a Guid needs no escaping.</summary>
    public static string UuidList(IEnumerable<Guid> uuids) => string.Join(',', uuids.Select(uuid => $"'{uuid:D}'"));
}
