using StackFsck.Plugin.Database;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>
/// One query of one category: the rows it selects are the stuck ones (state and age are judged in
/// the WHERE clause, by the database server's clock), each grouped by <paramref name="State"/>
/// and worded by <paramref name="Describe"/> while the row is current.
/// </summary>
internal sealed record Probe(Category Category, string What, string Sql, Func<DatabaseRow, string> State, Func<DatabaseRow, string> Describe);
