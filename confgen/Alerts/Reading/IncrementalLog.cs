namespace StackFsck.Alerts.Reading;

/// <summary>What one incremental read covered and where the next one starts.</summary>
public sealed record ReadResult(ReadPosition Next, int Files, long Bytes, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the Nagios log from where the last successful run stopped: the rest of that file, under
/// its archive name if it has been rotated since, then any later archives, then the live log up
/// to its last complete line. Each line is handed over exactly once across runs, provided the
/// caller saves <see cref="ReadResult.Next"/> only after it has dealt with the lines. Large
/// stretches are read in parallel parts (<see cref="ParallelLines"/>), each with a handler of its own.
/// </summary>
public static class IncrementalLog
{
    public static ReadResult Read(string logPath, string archiveFolder, ReadPosition? from, Func<LineHandler> newHandler)
    {
        using FileStream live = OpenRead(logPath);
        FileIdentity liveId = FileIdentity.Of(live);
        var warnings = new List<string>();
        long liveStart = 0;
        var earlier = new List<(string Path, long Start)>();
        if (from is not null && from.File == liveId)
        {
            liveStart = from.Offset;
            if (from.Offset > live.Length || !from.Head.Matches(live))
            {
                warnings.Add($"{logPath} was truncated or rewritten since the last run: reading it from the start");
                liveStart = 0;
            }
        }
        else if (from is not null)
        {
            earlier = RotatedSince(logPath, archiveFolder, from, liveId, warnings);
        }

        long bytes = 0;
        foreach ((string path, long start) in earlier)
        {
            using FileStream archive = OpenRead(path);
            bytes += ParallelLines.Read(archive, start, fileIsFinished: true, newHandler) - start;
        }

        long end = ParallelLines.Read(live, liveStart, fileIsFinished: false, newHandler);
        bytes += end - liveStart;
        var next = new ReadPosition(liveId, end, HeadFingerprint.Of(live));
        return new ReadResult(next, earlier.Count + 1, bytes, warnings);
    }

    /// <summary>
    /// The archived files to read before the live log: the one the position is in (found by its
    /// identity), from the saved offset, and every archive rotated after it, from the start.
    /// </summary>
    private static List<(string Path, long Start)> RotatedSince(string logPath, string archiveFolder, ReadPosition from, FileIdentity liveId, List<string> warnings)
    {
        IReadOnlyList<string> archives = Archives.OldestFirst(logPath, archiveFolder);
        int index = -1;
        for (int i = archives.Count - 1; i >= 0 && index < 0; i--)
        {
            index = TryIdentity(archives[i]) == from.File ? i : -1;
        }

        if (index < 0 || !StartsAsBefore(archives[index], from))
        {
            warnings.Add($"the file last read (inode {from.File.Inode}) is no longer {logPath} nor in {archiveFolder}: "
                + $"reading {logPath} from the start; lines logged in between are not counted");
            return [];
        }

        var segments = new List<(string Path, long Start)> { (archives[index], from.Offset) };
        segments.AddRange(archives.Skip(index + 1)
            .Where(path => TryIdentity(path) != liveId) // rotated while we opened the live log: read as the live log
            .Select(path => (path, 0L)));
        return segments;
    }

    private static bool StartsAsBefore(string path, ReadPosition from)
    {
        using FileStream file = OpenRead(path);
        return from.Head.Matches(file) && from.Offset <= file.Length;
    }

    private static FileIdentity? TryIdentity(string path)
    {
        try
        {
            return FileIdentity.Of(path);
        }
        catch (IOException)
        {
            return null; // removed while we looked
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
}
