using System.Globalization;

namespace StackFsck.Remedy.Running;

/// <summary>
/// Where one run's output is kept: <c>DIR/TRACKER/yyyyMMddTHHmmssfffZ-SUBJECT/</c>. The folder of
/// a tracker id is bounded: creating a run removes the oldest runs beyond the number to keep, so
/// a workaround that runs every minute cannot fill the disk, and the newest evidence is always there.
/// </summary>
public static class RunFolder
{
    public static string Create(string outputDir, string tracker, DateTimeOffset now, string subject, int keep)
    {
        string trackerDir = Path.Combine(outputDir, FileName.Of(tracker));
        string first = Path.Combine(trackerDir, now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + FileName.Of(subject));
        string run = first;
        for (int n = 2; Directory.Exists(run); n++)
        {
            run = string.Create(CultureInfo.InvariantCulture, $"{first}.{n}");
        }

        Directory.CreateDirectory(run);
        // Names begin with the time, so ordinal order is age order.
        foreach (string old in Directory.GetDirectories(trackerDir).Order(StringComparer.Ordinal).SkipLast(keep))
        {
            Directory.Delete(old, recursive: true);
        }

        return run;
    }
}
