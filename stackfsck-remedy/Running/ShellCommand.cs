using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace StackFsck.Remedy.Running;

/// <summary>How a command ended: its exit code, or killed at its deadline, or never started.</summary>
public sealed record CommandOutcome(int? ExitCode, bool TimedOut, string? StartError, long Bytes, bool Truncated)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    public override string ToString() =>
        StartError is not null ? $"could not start ({StartError})"
        : TimedOut ? "killed at its deadline"
        : string.Create(CultureInfo.InvariantCulture, $"exit {ExitCode}") + (Truncated ? ", output cut" : "");
}

/// <summary>
/// Runs a command line through <c>/bin/sh -c</c>, as Nagios runs its commands, with standard input
/// closed and standard error joined to standard output (one pipe, so the lines keep their order)
/// into one file of at most <see cref="MaxOutputBytes"/> (a runaway command cannot fill the disk).
/// At the deadline the command and everything it started are killed.
/// </summary>
public static class ShellCommand
{
    public const long MaxOutputBytes = 1 << 20;

    public static CommandOutcome Run(string commandLine, TimeSpan deadline, string outputPath) =>
        Shell(["-c", "exec 2>&1\n" + commandLine], deadline, outputPath);

    /// <summary>
    /// Runs a program with its arguments as they are: the shell only joins the two streams and
    /// execs it (<c>"$0" "$@"</c>), nothing in them is interpreted.
    /// </summary>
    public static CommandOutcome RunProgram(string program, IReadOnlyList<string> arguments, TimeSpan deadline, string outputPath) =>
        Shell(["-c", "exec 2>&1\nexec \"$0\" \"$@\"", program, .. arguments], deadline, outputPath);

    private static CommandOutcome Shell(IEnumerable<string> arguments, TimeSpan deadline, string outputPath)
    {
        var start = new ProcessStartInfo("/bin/sh", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var output = new BoundedFile(outputPath, MaxOutputBytes);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception error)
        {
            output.Write($"stackfsck-remedy: /bin/sh could not start: {error.Message}\n");
            return new CommandOutcome(null, false, error.Message, 0, false);
        }

        using (process)
        {
            process.StandardInput.Close();
            Task copied = output.CopyFrom(process.StandardOutput.BaseStream);
            bool ended = process.WaitForExit(deadline);
            if (!ended)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            // A background child that keeps the pipe open must not hold the run past its deadline.
            copied.Wait(TimeSpan.FromSeconds(1));
            if (!ended)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"\nstackfsck-remedy: killed after {deadline.TotalSeconds} s\n"));
            }

            return new CommandOutcome(ended ? process.ExitCode : null, !ended, null, output.Written, output.Truncated);
        }
    }
}
