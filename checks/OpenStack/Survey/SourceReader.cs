using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack.Survey;

/// <summary>
/// Runs the probes of one database after another on one connection. A database that cannot be
/// read is one failure line (the database and, for a missing table, the table named) and marks
/// only the categories it feeds; the other databases are still read and counted.
/// </summary>
public sealed class SourceReader(CheckContext context)
{
    private readonly List<string> _failures = [];

    /// <summary>One line per database or query that could not be read.</summary>
    public IReadOnlyList<string> Failures => _failures;

    public void Read(DatabaseSettings settings, IReadOnlyList<Probe> probes)
    {
        DatabaseConnection db;
        try
        {
            db = DatabaseConnection.Open(context, settings);
        }
        catch (CheckException error)
        {
            Fail(error.Message, probes);
            return;
        }

        using (db)
        {
            foreach (Probe probe in probes)
            {
                Run(db, probe);
            }
        }
    }

    /// <summary>Something that stops every probe of a source (no cell list, no login): each of their categories is marked.</summary>
    public void Fail(string message, IEnumerable<Probe> probes)
    {
        _failures.Add(message);
        foreach (Probe probe in probes)
        {
            probe.Category.MarkFailed();
        }
    }

    private void Run(DatabaseConnection db, Probe probe)
    {
        try
        {
            foreach (DatabaseRow row in db.Query(probe.Sql, probe.What))
            {
                probe.Category.Add(probe.State(row), () => probe.Describe(row));
            }

            probe.Category.MarkRead();
        }
        catch (CheckException error)
        {
            Fail(error.Message, [probe]);
        }
    }
}
