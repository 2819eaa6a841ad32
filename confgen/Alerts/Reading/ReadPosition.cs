namespace StackFsck.Alerts.Reading;

/// <summary>
/// Where the last successful run stopped: which file (by identity, so a rotated file is found
/// again under its archive name), the offset after the last line it counted, and a fingerprint of
/// the file's first bytes (an inode can be reused by a new file after the old one is deleted).
/// </summary>
public sealed record ReadPosition(FileIdentity File, long Offset, HeadFingerprint Head);

/// <summary>The length and FNV-1a hash of a file's first bytes (up to <see cref="MaxLength"/>).</summary>
public readonly record struct HeadFingerprint(int Length, ulong Hash)
{
    public const int MaxLength = 256;

    public static HeadFingerprint Of(FileStream file)
    {
        Span<byte> head = stackalloc byte[MaxLength];
        int length = RandomAccess.Read(file.SafeFileHandle, head, 0);
        return new HeadFingerprint(length, Fnv1a(head[..length]));
    }

    /// <summary>Whether the file still begins with the bytes this fingerprint was taken of.</summary>
    public bool Matches(FileStream file)
    {
        Span<byte> head = stackalloc byte[MaxLength];
        int length = RandomAccess.Read(file.SafeFileHandle, head[..Length], 0);
        return length == Length && Fnv1a(head[..length]) == Hash;
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
