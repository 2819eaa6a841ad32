using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Reading;
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
        var counter = new AlertCounter(options.IncludeSoft, options.Since.ToUnixTimeSeconds(), options.Until.ToUnixTimeSeconds());
        // An archive was last written when it was rotated: one written before the window starts holds none of it.
        List<string> files = Archives.OldestFirst(options.LogPath, options.ArchiveFolder)
            .Where(path => File.GetLastWriteTimeUtc(path) >= options.Since.UtcDateTime)
            .Append(options.LogPath)
            .ToList();
        var parts = new List<AlertCounter>();
        foreach (string path in files)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            ParallelLines.Read(file, 0, fileIsFinished: true, counter.PerPart(parts));
        }

        counter.Gather(parts);

        stdout.WriteLine($"Alerts from {options.Since.UtcDateTime:yyyy-MM-dd HH:mm} to {options.Until.UtcDateTime:yyyy-MM-dd HH:mm} UTC "
            + $"({(options.IncludeSoft ? "SOFT and HARD" : "HARD only")}): {counter.Events} events in {counter.Lines} lines of {files.Count} files, {counter.Malformed} malformed");
        foreach (TextTable table in AlertTables.Build(counter.Counts(), inventory, options.Top))
        {
            stdout.WriteLine();
            stdout.Write(table.Render());
        }

        return ExitCodes.Ok;
    }
}
