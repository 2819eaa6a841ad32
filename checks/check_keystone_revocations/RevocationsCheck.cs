using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;
using StackFsck.Plugin.Database;

namespace StackFsck.Checks.Keystone;

/// <summary>
/// check_keystone_revocations: how many revocation events does every token validation walk
/// through, and is Keystone pruning them? Reads Keystone's <c>revocation_event</c> table.
/// </summary>
internal static class RevocationsCheck
{
    private static readonly DatabaseOptions Keystone = new("", "the Keystone database", defaultDatabase: "keystone");

    private static readonly Option<int> Expiration = Seconds("--expiration", 3600, "Keystone's [token] expiration");

    private static readonly Option<int> Buffer = Seconds("--buffer", 1800, "Keystone's [revoke] expiration_buffer");

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_keystone_revocations",
        Service = "KEYSTONE_REVOCATIONS",
        Description = "Checks the backlog of Keystone revocation events, which every token validation walks through.",
        Options = [.. Keystone.Options, Expiration, Buffer, .. RevocationReport.Options],
        Execute = Execute,
    };

    private static Task<Report> Execute(CheckContext context)
    {
        // Added in 64 bits: two settings near int.MaxValue give a cutoff of 136 years, not a negative
        // one that would count (and print a DELETE for) every event.
        long cutoff = (long)context.Get(Expiration) + context.Get(Buffer);
        using var db = DatabaseConnection.Open(context, Keystone.Read(context, "Keystone database"));
        Revocations found = Revocations.Read(db, cutoff);
        context.Log(1, $"{found.Events} events, {found.Overdue} older than {cutoff} s, {found.LastHour} in the last hour");
        return Task.FromResult(RevocationReport.Build(found, cutoff, context));
    }

    private static Option<int> Seconds(string name, int fallback, string setting) => CountOption.Create(name,
        $"{setting} in seconds (the default is Keystone's); with the other, the prune cutoff", "SECONDS", fallback);
}
