using System.Globalization;

namespace StackFsck.Plugin.Http;

/// <summary>
/// An answer's body as a stream, framed as RFC 9112 section 6.3 says: by Content-Length, by
/// chunks, or until the server closes the connection. Reading stops with an error past <c>limit</c>
/// bytes, whatever length the server announced (a lying length then reads as a cut answer). Its faults
/// reach the caller worded with the URL (<see cref="HttpAnswerException.Describe"/>).
/// </summary>
internal sealed class ResponseBody : SynchronousStream
{
    private enum Framing
    {
        Length,
        Chunked,
        UntilClose,
    }

    private readonly AnswerReader _reader;
    private readonly Framing _framing;
    private readonly long _limit;
    private readonly string _where;
    private readonly long? _length;
    private long _left;
    private long _total;
    private bool _chunkEnded;

    private ResponseBody(AnswerReader reader, Framing framing, long length, long limit, string where)
    {
        _reader = reader;
        _where = where;
        _framing = framing;
        _limit = limit;
        _length = framing == Framing.Length ? length : null;
        _left = length;
        Complete = framing == Framing.Length && length == 0;
    }

    /// <summary>The body was read to its end: the connection is at the next answer's first byte.</summary>
    public bool Complete { get; private set; }

    /// <summary>The end is where the server closes: the connection cannot carry another answer.</summary>
    public bool EndsWithConnection => _framing == Framing.UntilClose;

    /// <summary>The body that follows <paramref name="head"/>; an answer to HEAD, 1xx, 204 and 304 have none.</summary>
    public static ResponseBody For(ResponseHead head, bool toHead, AnswerReader reader, long limit, string where)
    {
        if (toHead || head.Status is System.Net.HttpStatusCode.NoContent or System.Net.HttpStatusCode.NotModified)
        {
            return new ResponseBody(reader, Framing.Length, 0, limit, where);
        }

        List<string> codings = head.Values("Transfer-Encoding");
        codings.RemoveAll(coding => coding.Length == 0);
        if (codings.Count > 0)
        {
            return codings.Count == 1 && codings[0].Equals("chunked", StringComparison.OrdinalIgnoreCase)
                ? new ResponseBody(reader, Framing.Chunked, 0, limit, where)
                : throw new HttpAnswerException(HttpAnswerFault.Damaged, $"transfer coding '{PluginText.Printable(string.Join(", ", codings))}' is not supported");
        }

        return ContentLength(head) is long length
            ? new ResponseBody(reader, Framing.Length, length, limit, where)
            : new ResponseBody(reader, Framing.UntilClose, 0, limit, where);
    }

    /// <summary>Reads the body; a fault throws one <see cref="CheckException"/> sentence naming the URL.</summary>
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return ReadFramed(buffer);
        }
        catch (HttpAnswerException fault)
        {
            throw new CheckException(fault.Describe(_where), inner: fault);
        }
    }

    private int ReadFramed(Span<byte> buffer)
    {
        if (Complete || buffer.IsEmpty)
        {
            return 0;
        }

        int read = _framing switch
        {
            Framing.Length => ReadKnown(buffer),
            Framing.Chunked => ReadChunked(buffer),
            _ => ReadUntilClose(buffer),
        };
        _total += read;
        return _total <= _limit ? read : throw TooLarge(_limit);
    }

    /// <summary>Content-Length, every value of it (repeated lines, comma lists) the same non-negative integer; null when absent.</summary>
    private static long? ContentLength(ResponseHead head)
    {
        List<string> values = head.Values("Content-Length");
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Exists(value => value != values[0]))
        {
            throw new HttpAnswerException(HttpAnswerFault.Damaged, $"conflicting Content-Length values {PluginText.Printable(string.Join(", ", new HashSet<string>(values)))}");
        }

        return values[0].Length is > 0 and <= 18 && values[0].All(char.IsAsciiDigit)
            ? long.Parse(values[0], CultureInfo.InvariantCulture)
            : throw new HttpAnswerException(HttpAnswerFault.Damaged, $"Content-Length '{PluginText.Printable(values[0])}' is not a byte count");
    }

    private int ReadKnown(Span<byte> buffer)
    {
        int read = _reader.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        if (read == 0)
        {
            throw new HttpAnswerException(HttpAnswerFault.BrokeOff, $"the server closed the connection after {_length - _left} of {_length} bytes");
        }

        _left -= read;
        Complete = _left == 0;
        return read;
    }

    private int ReadUntilClose(Span<byte> buffer)
    {
        int read = _reader.Read(buffer);
        Complete = read == 0;
        return read;
    }

    private int ReadChunked(Span<byte> buffer)
    {
        if (_left == 0 && !NextChunk())
        {
            return 0;
        }

        int read = _reader.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        if (read == 0)
        {
            throw new HttpAnswerException(HttpAnswerFault.BrokeOff, "the server closed the connection mid-chunk");
        }

        _left -= read;
        return read;
    }

    /// <summary>Reads up to the next chunk's data; false after the last chunk and its trailers (the body's end).</summary>
    private bool NextChunk()
    {
        if (_chunkEnded)
        {
            string end = ReadChunkLine();
            if (end.Length != 0)
            {
                throw new HttpAnswerException(HttpAnswerFault.Damaged, "a chunk longer than its size");
            }
        }

        _chunkEnded = true;
        _left = ChunkSize(ReadChunkLine());
        if (_left > 0)
        {
            return true;
        }

        while (ReadChunkLine().Length > 0)
        {
            // Trailer fields: nothing the checks read.
        }

        Complete = true;
        return false;
    }

    private string ReadChunkLine() =>
        _reader.ReadLine() ?? throw new HttpAnswerException(HttpAnswerFault.BrokeOff, "the server closed the connection between chunks");

    /// <summary>"1a2f" or "1a2f;name=value": hexadecimal, at most what the limit allows.</summary>
    private long ChunkSize(string line)
    {
        ReadOnlySpan<char> digits = line.AsSpan(0, line.IndexOfAny(';', ' ', '\t') is int end and >= 0 ? end : line.Length);
        if (digits.Length is 0 or > 15 || !long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size))
        {
            throw new HttpAnswerException(HttpAnswerFault.Damaged, $"chunk size '{PluginText.Printable(line.Length > 20 ? line[..20] : line)}' is not hexadecimal");
        }

        return size;
    }

    private static HttpAnswerException TooLarge(long limit) => new(HttpAnswerFault.TooLarge, $"over {limit} bytes, the most this check reads");
}
