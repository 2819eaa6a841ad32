using System.Globalization;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// The rotated logs beside a live log: Nagios renames <c>nagios.log</c> to
/// <c>archives/nagios-MM-DD-YYYY-HH.log</c>, Icinga 2's compatlog <c>compat/icinga.log</c> to
/// <c>compat/archives/icinga-MM-DD-YYYY-HH.log</c> (local time of the rotation; hourly by default).
/// </summary>
public static class Archives
{
    /// <summary>The default archive folder: <c>archives/</c> beside the live log.</summary>
    public static string DefaultFolder(string logPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logPath)) ?? "/", "archives");

    /// <summary>The archives of <paramref name="logPath"/>, oldest first (by the time in their names).</summary>
    public static IReadOnlyList<string> OldestFirst(string logPath, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        string stem = Path.GetFileNameWithoutExtension(logPath);
        return Directory.EnumerateFiles(folder, stem + "-*.log")
            .Select(path => (path, time: RotationTime(stem, path)))
            .Where(archive => archive.time is not null)
            .OrderBy(archive => archive.time)
            .Select(archive => archive.path)
            .ToList();
    }

    /// <summary>The rotation hour in an archive's name, or null for a file that only looks like one.</summary>
    private static DateTime? RotationTime(string stem, string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return DateTime.TryParseExact(name[(stem.Length + 1)..], "MM-dd-yyyy-HH", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime time)
            ? time
            : null;
    }
}
