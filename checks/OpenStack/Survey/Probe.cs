using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack.Survey;

/// <summary>
/// One query of one category: the rows it selects are the findings (a stuck resource, a drifted
/// usage: state, age and comparison are judged in the WHERE clause, by the database server and
/// its clock), each grouped by <paramref name="State"/> and worded by <paramref name="Describe"/>
/// while the row is current.
/// </summary>
public sealed record Probe(Category Category, string What, string Sql, Func<DatabaseRow, string> State, Func<DatabaseRow, string> Describe);
