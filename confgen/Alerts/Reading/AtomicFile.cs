namespace StackFsck.Alerts.Reading;

/// <summary>Replaces a file as a whole: written beside it, flushed to disk, renamed over it. A crash leaves the old file or the new one.</summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
