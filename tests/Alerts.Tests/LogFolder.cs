using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace StackFsck.Alerts.Tests;

/// <summary>A Nagios log folder on disk (nagios.log, archives/), written and rotated the way Nagios does it.</summary>
public sealed class LogFolder : IDisposable
{
    private DateTime _rotation = new(2026, 11, 1, 0, 0, 0);

    public LogFolder()
    {
        Directory.CreateDirectory(Archives);
        File.WriteAllText(Log, "");
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("alerts-tests-").FullName;

    public string Log => Path.Combine(Root, "nagios.log");

    public string Archives => Path.Combine(Root, "archives");

    public string State => Path.Combine(Root, "alerts.state");

    /// <summary>logrotate's olddir, for copies kept apart from the log.</summary>
    public string OldDir => Path.Combine(Root, "old");

    public StackFsck.Alerts.Reading.LogFiles Files => new(Log, Archives, OldDir, Root);

    public void Append(params string[] lines) => AppendRaw(string.Concat(lines.Select(line => line + "\n")));

    /// <summary>Appends raw text (a line still being written has no newline yet).</summary>
    public void AppendRaw(string text)
    {
        using var file = new FileStream(Log, FileMode.Append, FileAccess.Write);
        file.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Renames nagios.log to archives/nagios-MM-DD-YYYY-HH.log and starts a new one, an hour after the last rotation.</summary>
    public string Rotate()
    {
        _rotation = _rotation.AddHours(1);
        string archive = Path.Combine(Archives, $"nagios-{_rotation.ToString("MM-dd-yyyy-HH", CultureInfo.InvariantCulture)}.log");
        File.Move(Log, archive);
        File.WriteAllText(Log, $"[{1700000000 + (int)(_rotation - new DateTime(2026, 11, 1)).TotalSeconds}] LOG ROTATION: HOURLY\n");
        return archive;
    }

    /// <summary>
    /// What logrotate's copytruncate does: copies nagios.log to <paramref name="copy"/> (a new file,
    /// gzip-compressed when its name ends in .gz) and empties nagios.log in place (same inode).
    /// </summary>
    public string CopyTruncate(string copy)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        using (FileStream from = File.OpenRead(Log))
        using (FileStream to = File.Create(copy))
        using (Stream into = copy.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(to, CompressionLevel.Fastest) : to)
        {
            from.CopyTo(into);
        }

        using (var log = new FileStream(Log, FileMode.Open, FileAccess.Write))
        {
            log.SetLength(0);
        }

        return copy;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>A HARD service alert whose service name says which line it is, so counts show loss and duplicates.</summary>
    public static string Alert(int number, string host = "cmp1.example.net", string state = "CRITICAL", string type = "HARD") =>
        $"[{1700000000 + number}] SERVICE ALERT: {host};svc-{number};{state};{type};3;{state} - line {number}; with a semicolon";
}
