namespace StackFsck.Alerts.Reading;

/// <summary>
/// Reads a large stretch of a log in parts, one per core, each part starting after a newline, so
/// a backlog (the first run, a run after downtime) is parsed at the speed of all cores. Each part
/// gets its own handler from the factory, asked for in file order (counting needs the order of
/// host states); handlers of different parts run at the same time.
/// </summary>
public static class ParallelLines
{
    /// <summary>Below this, one thread reads the whole stretch.</summary>
    private const long MinPartBytes = 32L << 20;

    /// <summary>As <see cref="LineReader.Read(FileStream, long, bool, LineHandler)"/>, in parallel parts.</summary>
    public static long Read(FileStream file, long offset, bool fileIsFinished, Func<LineHandler> newHandler)
    {
        long length = file.Length;
        int parts = (int)Math.Min(Environment.ProcessorCount, (length - offset) / MinPartBytes);
        if (parts < 2)
        {
            return LineReader.Read(file, offset, fileIsFinished, newHandler());
        }

        // The live log may end in a line still being written: the parts stop at the last newline.
        long end = fileIsFinished ? length : AfterLastNewline(file, offset, length);
        long[] bounds = new long[parts + 1];
        bounds[0] = offset;
        bounds[parts] = end;
        for (int i = 1; i < parts; i++)
        {
            bounds[i] = Math.Max(bounds[i - 1], AfterNextNewline(file, offset + ((end - offset) * i / parts), end));
        }

        LineHandler[] handlers = [.. Enumerable.Range(0, parts).Select(_ => newHandler())];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, i =>
            LineReader.Read(file, bounds[i], bounds[i + 1], fileIsFinished: true, handlers[i]));
        return end;
    }

    /// <summary>The offset just after the first newline at or after <paramref name="from"/>, or <paramref name="end"/>.</summary>
    private static long AfterNextNewline(FileStream file, long from, long end)
    {
        byte[] block = new byte[64 << 10];
        for (long at = from; at < end;)
        {
            int read = RandomAccess.Read(file.SafeFileHandle, block.AsSpan(0, (int)Math.Min(block.Length, end - at)), at);
            int newline = block.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return at + newline + 1;
            }

            at += read;
        }

        return end;
    }

    /// <summary>The offset just after the last newline before <paramref name="length"/>, or <paramref name="offset"/> if there is none.</summary>
    private static long AfterLastNewline(FileStream file, long offset, long length)
    {
        byte[] block = new byte[64 << 10];
        for (long stop = length; stop > offset;)
        {
            long start = Math.Max(offset, stop - block.Length);
            int read = RandomAccess.Read(file.SafeFileHandle, block.AsSpan(0, (int)(stop - start)), start);
            int newline = block.AsSpan(0, read).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                return start + newline + 1;
            }

            stop = start;
        }

        return offset;
    }
}
