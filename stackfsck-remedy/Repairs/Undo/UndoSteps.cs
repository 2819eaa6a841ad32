using StackFsck.OpenStack.Iscsi;
using StackFsck.Remedy.Repairs.StaleIscsiSession;

namespace StackFsck.Remedy.Repairs.Undo;

/// <summary>What undoes one journalled act: it looks first, so a step already undone (by a run or by hand) does nothing.</summary>
internal abstract record UndoStep
{
    /// <summary>What the step is about, for its output line.</summary>
    public abstract string Subject { get; }

    /// <summary>The facts of the undo's own journal line.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Facts { get; }

    public abstract (string Outcome, string Detail) Run();
}

/// <summary>A directory leftover-disk moved into the quarantine goes back, unless its place is taken again.</summary>
internal sealed record QuarantineMove(string From, string To) : UndoStep
{
    public override string Subject => To;

    public override IReadOnlyList<KeyValuePair<string, string>> Facts => [new("from", To), new("to", From)];

    public override (string Outcome, string Detail) Run()
    {
        if (!Directory.Exists(To))
        {
            return ("skipped", "not in the quarantine (undone already, or removed)");
        }

        if (Path.Exists(From))
        {
            return ("skipped", $"{From} exists again; nothing overwritten");
        }

        try
        {
            Directory.Move(To, From);
            return ("moved-back", $"moved back to {From}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return ("failed", $"cannot move it back to {From}: {error.Message}");
        }
    }
}

/// <summary>A session stale-iscsi-session logged out is logged in again, unless sysfs shows one to its target already.</summary>
internal sealed record IscsiLogin(string Target, string? Portal, string Sysfs, string IscsiadmPath) : UndoStep
{
    /// <summary>How long the login may take: iscsiadm gives up on an unreachable portal after about 2 minutes of its own.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public override string Subject => $"{Target} at {Portal ?? "every portal of its node record"}";

    public override IReadOnlyList<KeyValuePair<string, string>> Facts => [new("target", Target), new("portal", Portal ?? ""), new("iscsiadm", IscsiadmPath)];

    public override (string Outcome, string Detail) Run()
    {
        if (IscsiSessions.Read(Sysfs).Any(session => session.Target == Target && (Portal is null || session.Portal is null || session.Portal == Portal)))
        {
            return ("skipped", $"logged in already ({Sysfs} shows a session to it)");
        }

        (bool done, string output) = new Iscsiadm(IscsiadmPath, Deadline).Run(Iscsiadm.LoginArguments(Target, Portal));
        return (done ? "logged-in" : "failed", output);
    }
}
