using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>The revocation_event row count, or why it could not be read; null fields when not asked for.</summary>
internal sealed record RevocationCount(long? Events, string? Problem)
{
    public static readonly RevocationCount NotAsked = new(null, null);
}

/// <summary>
/// With --revocations-db, counts Keystone's revocation_event rows, so that a dashboard can set
/// validation latency beside the table that slowed it down before Ocata.
/// The database is given by the --revocations-db-* options (an option file holds the password).
/// </summary>
internal static class RevocationEvents
{
    private static readonly Option<bool> Enabled = new("--revocations-db")
    {
        Description = "also count Keystone's revocation_event rows, in the database the --revocations-db-* options name",
    };

    private static readonly DatabaseOptions Database = new("revocations-db", "the Keystone database", defaultDatabase: "keystone");

    public static IEnumerable<Option> Options => [Enabled, .. Database.Options];

    /// <summary>A database problem does not hide the latency measured: it is reported beside it.</summary>
    public static RevocationCount Count(CheckContext context)
    {
        if (!context.Get(Enabled))
        {
            return RevocationCount.NotAsked;
        }

        try
        {
            using var db = DatabaseConnection.Open(context, Database.Read(context, "keystone database"));
            return new RevocationCount(db.Single("SELECT COUNT(*) FROM revocation_event", "counting revocation events", row => row.Int64(0)), null);
        }
        catch (CheckException error)
        {
            return new RevocationCount(null, error.Message);
        }
    }
}
