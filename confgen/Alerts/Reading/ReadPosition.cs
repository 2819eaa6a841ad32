namespace StackFsck.Alerts.Reading;

/// <summary>
/// Where the last successful run stopped: which file (by identity, so a renamed file is found
/// again under its archive name), the offset after the last line it counted, and fingerprints of
/// the file's first bytes and of the bytes just before the offset. The fingerprints recognise the
/// file by its content: an inode can be reused by a new file after the old one is deleted, and
/// logrotate's copytruncate copies the log to a new file (a new inode) before emptying it.
/// </summary>
public sealed record ReadPosition(FileIdentity File, long Offset, Fingerprint Head, Fingerprint? Tail)
{
    /// <summary>The position after the bytes read up to <paramref name="offset"/> of <paramref name="file"/>.</summary>
    public static ReadPosition After(FileStream file, long offset) =>
        new(FileIdentity.Of(file), offset, Fingerprint.Head(file), Fingerprint.Before(file, offset));

    /// <summary>Whether <paramref name="file"/> holds the bytes this position was taken after (its start, and the bytes up to the offset).</summary>
    public bool IsIn(FileStream file) =>
        Offset <= file.Length && Head.Matches(file, 0) && (Tail is not { } tail || tail.Matches(file, Offset - tail.Length));
}

/// <summary>The length and FNV-1a hash of a stretch of a file (at most <see cref="MaxLength"/> bytes).</summary>
public readonly record struct Fingerprint(int Length, ulong Hash)
{
    /// <summary>The head: enough for the first line's timestamp and text.</summary>
    public const int HeadLength = 256;

    /// <summary>Before the offset: a few dozen log lines, with their timestamps.</summary>
    public const int MaxLength = 4096;

    public static Fingerprint Head(FileStream file) => Of(file, 0, HeadLength);

    public static Fingerprint Before(FileStream file, long offset)
    {
        int length = (int)Math.Min(MaxLength, offset);
        return Of(file, offset - length, length);
    }

    public static Fingerprint Of(ReadOnlySpan<byte> bytes) => new(bytes.Length, Fnv1a(bytes));

    /// <summary>Whether the file holds, from <paramref name="at"/>, the bytes this fingerprint was taken of.</summary>
    public bool Matches(FileStream file, long at)
    {
        Span<byte> bytes = stackalloc byte[MaxLength];
        return at >= 0 && RandomAccess.Read(file.SafeFileHandle, bytes[..Length], at) == Length && Matches(bytes[..Length]);
    }

    public bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length == Length && Fnv1a(bytes) == Hash;

    private static Fingerprint Of(FileStream file, long at, int length)
    {
        Span<byte> bytes = stackalloc byte[MaxLength];
        return Of(bytes[..RandomAccess.Read(file.SafeFileHandle, bytes[..length], at)]);
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash;
    }
}
