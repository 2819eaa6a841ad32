using StackFsck.Alerts.Reading;

namespace StackFsck.Alerts.Counting;

/// <summary>
/// The events of a time window, counted from every archive that can hold lines of it and then the
/// live log, without touching any send position: for reports and audits, not for sending.
/// </summary>
public static class WindowCount
{
    public static AlertCounter Read(string logPath, string archiveFolder, DateTimeOffset since, DateTimeOffset until, bool includeSoft, out int files)
    {
        var counter = new AlertCounter(includeSoft, since.ToUnixTimeSeconds(), until.ToUnixTimeSeconds());
        // An archive was last written when it was rotated: one written before the window starts holds none of it.
        List<string> paths = Archives.OldestFirst(logPath, archiveFolder)
            .Where(path => File.GetLastWriteTimeUtc(path) >= since.UtcDateTime)
            .Append(logPath)
            .ToList();
        var parts = new List<AlertCounter>();
        foreach (string path in paths)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            ParallelLines.Read(file, 0, fileIsFinished: true, counter.PerPart(parts));
        }

        counter.Gather(parts);
        files = paths.Count;
        return counter;
    }
}
