namespace StackFsck.Alerts.Reading;

/// <summary>What one incremental read covered and where the next one starts.</summary>
public sealed record ReadResult(ReadPosition Next, int Files, long Bytes, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the Nagios log from where the last successful run stopped: the rest of that file, under
/// its archive name if Nagios has rotated it since (then any later archives), or from logrotate's
/// copy if the log was copied and truncated; then the live log up to its last complete line. Each
/// line is handed over exactly once across runs, provided the caller saves
/// <see cref="ReadResult.Next"/> only after it has dealt with the lines. Large stretches are read
/// in parallel parts (<see cref="ParallelLines"/>), each with a handler of its own.
/// </summary>
public static class IncrementalLog
{
    public static ReadResult Read(LogFiles files, ReadPosition? from, Func<LineHandler> newHandler)
    {
        using FileStream live = LogCopy.Open(files.Log);
        var warnings = new List<string>();
        long liveStart = 0;
        List<(FileStream File, long Start)> earlier = [];
        try
        {
            if (from is not null && from.File == FileIdentity.Of(live) && from.IsIn(live))
            {
                liveStart = from.Offset;
            }
            else if (from is not null)
            {
                earlier = RotatedSince(files, from, live, warnings);
            }

            long bytes = 0;
            foreach ((FileStream file, long start) in earlier)
            {
                bytes += ParallelLines.Read(file, start, fileIsFinished: true, newHandler) - start;
            }

            long end = ParallelLines.Read(live, liveStart, fileIsFinished: false, newHandler);
            return new ReadResult(ReadPosition.After(live, end), earlier.Count + 1, bytes + end - liveStart, warnings);
        }
        finally
        {
            earlier.ForEach(segment => segment.File.Dispose());
        }
    }

    /// <summary>
    /// The files to read before the live log: the one the position is in, from the saved offset (a
    /// Nagios archive, found by its identity, then every archive rotated after it; or logrotate's
    /// copy, found by its content), or none, with a warning, when it is nowhere to be found.
    /// </summary>
    private static List<(FileStream File, long Start)> RotatedSince(LogFiles files, ReadPosition from, FileStream live, List<string> warnings)
    {
        FileIdentity liveId = FileIdentity.Of(live);
        IReadOnlyList<string> archives = Archives.OldestFirst(files.Log, files.ArchiveFolder);
        int index = archives.Count - 1;
        while (index >= 0 && TryIdentity(archives[index]) != from.File)
        {
            index--;
        }

        FileStream? archive = index >= 0 ? LogCopy.OpenIfHolds(archives[index], from, files.ScratchFolder) : null;
        if (archive is not null)
        {
            return archives.Skip(index + 1)
                .Where(path => TryIdentity(path) != liveId) // rotated while we opened the live log: read as the live log
                .Select(path => (LogCopy.Open(path), 0L))
                .Prepend((archive, from.Offset))
                .ToList();
        }

        foreach (string path in files.Copies().Where(path => TryIdentity(path) != liveId))
        {
            if (LogCopy.OpenIfHolds(path, from, files.ScratchFolder) is { } copy)
            {
                warnings.Add($"{files.Log} was copied and truncated since the last run: reading the rest of {path} from byte {from.Offset}");
                return [(copy, from.Offset)];
            }
        }

        warnings.Add($"the file last read ({from.Offset} bytes counted, inode {from.File.Inode}) is no longer {files.Log} and no archive in "
            + $"{files.ArchiveFolder} or copy in {files.CopyFolders} holds it: what was logged after those {from.Offset} bytes until the "
            + $"rotation or truncation is lost (a log that was emptied, or a copy already removed); reading {files.Log} from the start");
        return [];
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
}
