using System.Text.Json;
using StackFsck.Libvirt;
using StackFsck.OpenStack.Iscsi;
using StackFsck.Plugin;
using StackFsck.Remedy.Repairs.StaleIscsiSession;

namespace StackFsck.Remedy.Repairs.Undo;

/// <summary>What came of undoing one step: moved-back, defined, skipped or failed, and why.</summary>
internal sealed record UndoResult(string Outcome, string Detail);

/// <summary>One journalled act to undo: what it names, the facts its undo line records, and the undo itself.</summary>
internal abstract record UndoStep(string Subject)
{
    public abstract IReadOnlyList<KeyValuePair<string, string>> Facts { get; }

    public abstract UndoResult Undo(Func<string, LibvirtConnection> libvirt);
}

/// <summary>leftover-disk moved a directory into the quarantine: it goes back, unless its place is taken again.</summary>
internal sealed record MovedDirectory(string From, string To) : UndoStep(To)
{
    public override IReadOnlyList<KeyValuePair<string, string>> Facts => [new("from", To), new("to", From)];

    public override UndoResult Undo(Func<string, LibvirtConnection> libvirt)
    {
        if (!Directory.Exists(To))
        {
            return new("skipped", "not in the quarantine (undone already, or removed)");
        }

        if (Path.Exists(From))
        {
            return new("skipped", $"{From} exists again; nothing overwritten");
        }

        try
        {
            Directory.Move(To, From);
            return new("moved-back", $"moved back to {From}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new("failed", $"cannot move it back to {From}: {error.Message}");
        }
    }
}

/// <summary>zombie-domain removed a domain: its saved XML defines it again, shut off, unless its uuid is defined again.</summary>
internal sealed record RemovedDomain(Guid Uuid, string Uri, string Xml) : UndoStep($"domain {Uuid}")
{
    public override IReadOnlyList<KeyValuePair<string, string>> Facts => [new("uuid", Uuid.ToString()), new("uri", Uri), new("xml", Xml)];

    public override UndoResult Undo(Func<string, LibvirtConnection> libvirt)
    {
        try
        {
            LibvirtConnection connection = libvirt(Uri);
            if (connection.Find(Uuid) is Domain defined)
            {
                return new("skipped", $"{Uri} defines it again as {defined.Name} (undone already, or by hand); nothing overwritten");
            }

            Domain domain = connection.Define(File.ReadAllText(Xml));
            return new("defined", $"defined again on {Uri} as {domain.Name}, not started");
        }
        catch (CheckException error)
        {
            return new("failed", error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new("failed", $"cannot read its saved XML {Xml}: {error.Message}");
        }
    }
}

/// <summary>stale-iscsi-session logged a session out: it is logged in again, unless sysfs shows one to its target already.</summary>
internal sealed record LoggedOutSession(string Target, string? Portal, string Sysfs, string IscsiadmPath) : UndoStep($"{Target} at {Portal ?? "every portal of its node record"}")
{
    /// <summary>How long the login may take: iscsiadm itself waits about 2 minutes for an unreachable portal.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public override IReadOnlyList<KeyValuePair<string, string>> Facts => [new("target", Target), new("portal", Portal ?? ""), new("iscsiadm", IscsiadmPath)];

    public override UndoResult Undo(Func<string, LibvirtConnection> libvirt)
    {
        if (IscsiSessions.Read(Sysfs).Any(session => session.Target == Target && (Portal is null || session.Portal is null || session.Portal == Portal)))
        {
            return new("skipped", $"logged in already ({Sysfs} shows a session to it)");
        }

        (bool done, string output) = new Iscsiadm(IscsiadmPath, Deadline).Run(Iscsiadm.LoginArguments(Target, Portal));
        return new(done ? "logged-in" : "failed", output);
    }
}

/// <summary>The acts of a journal that can be undone, oldest first.</summary>
internal static class UndoSteps
{
    public static List<UndoStep> Read(string journal)
    {
        var steps = new List<UndoStep>();
        foreach (string line in File.ReadLines(journal).Where(line => line.Length > 0))
        {
            using JsonDocument entry = JsonDocument.Parse(line);
            if (Step(entry.RootElement) is UndoStep step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static UndoStep? Step(JsonElement entry) => (Text(entry, "action"), Text(entry, "outcome")) switch
    {
        ("leftover-disk", "moved") when Text(entry, "from") is string from && Text(entry, "to") is string to => new MovedDirectory(from, to),
        ("zombie-domain", "removed") when Guid.TryParse(Text(entry, "uuid"), out Guid uuid) && Text(entry, "uri") is string uri && Text(entry, "xml") is string xml =>
            new RemovedDomain(uuid, uri, xml),
        (StaleIscsiSessions.Action, IscsiOutcome.LoggedOut) when Text(entry, "target") is { Length: > 0 } target && Text(entry, "sysfs") is string sysfs
            && Text(entry, "iscsiadm") is string iscsiadm => new LoggedOutSession(target, Text(entry, "portal") is { Length: > 0 } portal ? portal : null, sysfs, iscsiadm),
        _ => null,
    };

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
