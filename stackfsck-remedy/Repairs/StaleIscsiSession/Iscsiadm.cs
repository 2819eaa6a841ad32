using StackFsck.OpenStack.Iscsi;
using StackFsck.Remedy.Running;

namespace StackFsck.Remedy.Repairs.StaleIscsiSession;

/// <summary>
/// The iscsiadm a repair logs sessions out with and its undo logs them in again with: the argument
/// vectors (printed in the plan and the journal exactly as run) and a run under a deadline.
/// </summary>
internal sealed record Iscsiadm(string Path, TimeSpan Deadline)
{
    public string[] LogoutArguments(IscsiSession session) => ["-m", "session", "-r", session.Id, "-u"];

    /// <summary>A login to the node record of the target (all its portals when sysfs showed none).</summary>
    public static string[] LoginArguments(string target, string? portal) =>
        portal is null ? ["-m", "node", "-T", target, "--login"] : ["-m", "node", "-T", target, "-p", portal, "--login"];

    public string[] LogoutCommand(IscsiSession session) => [Path, .. LogoutArguments(session)];

    public string[] LoginCommand(string target, string? portal) => [Path, .. LoginArguments(target, portal)];

    /// <summary>Runs iscsiadm; true when it exits 0. The text says how it ended and what it printed, on one line.</summary>
    public (bool Done, string Output) Run(string[] arguments)
    {
        // A name of its own, not GetTempFileName's: the output file is created new, never reused.
        string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stackfsck-remedy-iscsiadm-{Guid.NewGuid():N}.out");
        try
        {
            CommandOutcome outcome = ShellCommand.RunProgram(Path, arguments, Deadline, file);
            string printed = string.Join(' ', File.ReadAllLines(file).Select(line => line.Trim()).Where(line => line.Length > 0));
            return (outcome.Succeeded, $"iscsiadm {outcome}{(printed.Length > 0 ? $": {printed}" : "")}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
