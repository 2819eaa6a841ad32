using System.Runtime.CompilerServices;
namespace StackFsck.Alerts.Reading;

/// <summary>Receives one line, without its newline. An empty span stands for a line too long to keep.</summary>
public delegate void LineHandler(ReadOnlySpan<byte> line);

/// <summary>
/// Reads whole lines from an offset, in large blocks and without decoding them, so memory stays
/// flat however long the file is. A last line without its newline is still being written by
/// Nagios: it is left for the next run, unless the file is finished (a rotated archive).
/// </summary>
public static class LineReader
{
    /// <summary>Lines longer than this (Nagios caps plugin output far below it) are skipped as malformed.</summary>
    public const int MaxLineLength = 1 << 20;

    private const int BlockSize = 1 << 20;

    /// <summary>Hands every complete line from <paramref name="offset"/> to <paramref name="handler"/>; returns the offset after the last one.</summary>
    public static long Read(FileStream file, long offset, bool fileIsFinished, LineHandler handler) =>
        Read(file, offset, long.MaxValue, fileIsFinished, handler);

    /// <summary>The same, stopping at <paramref name="limit"/> (a line boundary, or the end of a finished file).</summary>
    public static long Read(FileStream file, long offset, long limit, bool fileIsFinished, LineHandler handler) =>
        Read((into, at) => RandomAccess.Read(file.SafeFileHandle, into, at), offset, limit, fileIsFinished, handler);

    /// <summary>
    /// The lines of a finished stream that cannot seek (a compressed copy), from where it stands,
    /// which is <paramref name="offset"/> bytes into the log it holds; returns the offset after the last line.
    /// </summary>
    public static long Read(Stream stream, long offset, LineHandler handler) =>
        Read((into, _) => stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false), offset, long.MaxValue, fileIsFinished: true, handler);

    /// <summary>Reads up to <c>into.Length</c> bytes at <c>at</c>; 0 at the end.</summary>
    private delegate int BlockRead(Span<byte> into, long at);

    private static long Read(BlockRead readBlock, long offset, long limit, bool fileIsFinished, LineHandler handler)
    {
        byte[] buffer = new byte[BlockSize + MaxLineLength];
        int kept = 0;
        bool skippingLongLine = false;
        long consumed = offset;
        while (true)
        {
            int read = readBlock(buffer.AsSpan(kept, (int)Math.Min(BlockSize, limit - offset)), offset);
            if (read == 0)
            {
                break;
            }

            offset += read;
            var block = new ReadOnlySpan<byte>(buffer, 0, kept + read);
            int used = HandleLines(block, ref skippingLongLine, handler);
            consumed += used;
            kept = block.Length - used;
            if (kept > MaxLineLength)
            {
                // No newline in a whole megabyte: drop what we have and skip to the line's end.
                handler(default);
                skippingLongLine = true;
                consumed += kept;
                kept = 0;
            }
            else
            {
                block[used..].CopyTo(buffer);
            }
        }

        if (fileIsFinished && kept > 0)
        {
            // The rest of an overlong line was reported when it was dropped.
            if (!skippingLongLine)
            {
                handler(new ReadOnlySpan<byte>(buffer, 0, kept));
            }

            consumed += kept;
        }

        return consumed;
    }

    /// <summary>Hands over each line that ends in the block; returns the bytes used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int HandleLines(ReadOnlySpan<byte> block, ref bool skippingLongLine, LineHandler handler)
    {
        int start = 0;
        while (true)
        {
            int end = block[start..].IndexOf((byte)'\n');
            if (end < 0)
            {
                return start;
            }

            if (!skippingLongLine)
            {
                handler(block.Slice(start, end));
            }

            skippingLongLine = false;
            start += end + 1;
        }
    }
}
