using System.IO.Compression;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// Opens a rotated copy of the log for reading. A compressed copy (<c>.gz</c>, logrotate's
/// <c>compress</c>) is first checked by its first bytes, then unpacked into a scratch file that is
/// unlinked at once (nothing is left behind, even by a kill), so it reads like any other file.
/// </summary>
public static class LogCopy
{
    public static FileStream? OpenIfHolds(string path, ReadPosition position, string scratchFolder)
    {
        try
        {
            FileStream file = Open(path);
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using (file)
                {
                    return StartsWith(file, position.Head) ? Unpacked(path, scratchFolder, position) : null;
                }
            }

            if (position.IsIn(file))
            {
                return file;
            }

            file.Dispose();
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // gone, unreadable or not gzip after all: not the copy
        }
    }

    public static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);

    private static bool StartsWith(FileStream compressed, Fingerprint head)
    {
        using var unpacked = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        byte[] bytes = new byte[head.Length];
        return unpacked.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) == bytes.Length && head.Matches(bytes);
    }

    private static FileStream? Unpacked(string path, string scratchFolder, ReadPosition position)
    {
        string scratch = Path.Combine(scratchFolder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.unpacked");
        var file = new FileStream(scratch, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        File.Delete(scratch);
        using (FileStream compressed = Open(path))
        using (var unpacked = new GZipStream(compressed, CompressionMode.Decompress))
        {
            unpacked.CopyTo(file, 1 << 20);
        }

        if (position.IsIn(file))
        {
            return file;
        }

        file.Dispose();
        return null;
    }
}
