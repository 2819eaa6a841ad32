using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Report;

namespace StackFsck.Alerts;

/// <summary>What <c>confgen alerts report</c> was asked for: a window of the log, how many rows per table.</summary>
public sealed record ReportOptions(string LogPath, string ArchiveFolder, DateTimeOffset Since, DateTimeOffset Until, int Top, bool IncludeSoft);

/// <summary>
/// Reads every archive that can hold lines of the window, then the live log, without touching the
/// send position, and prints the tables for threshold tuning.
/// </summary>
public static class ReportRun
{
    public static int Execute(ReportOptions options, IAlertInventory inventory, TextWriter stdout)
    {
        AlertCounter counter = WindowCount.Read(options.LogPath, options.ArchiveFolder, options.Since, options.Until, options.IncludeSoft, out int files);

        stdout.WriteLine($"Alerts from {options.Since.UtcDateTime:yyyy-MM-dd HH:mm} to {options.Until.UtcDateTime:yyyy-MM-dd HH:mm} UTC "
            + $"({(options.IncludeSoft ? "SOFT and HARD" : "HARD only")}): {counter.Events} events in {counter.Lines} lines of {files} files, {counter.Malformed} malformed");
        foreach (TextTable table in AlertTables.Build(counter.Counts(), inventory, options.Top))
        {
            stdout.WriteLine();
            stdout.Write(table.Render());
        }

        return ExitCodes.Ok;
    }
}
