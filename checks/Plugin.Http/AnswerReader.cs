using System.Text;

namespace StackFsck.Plugin.Http;

/// <summary>
/// Buffered reading of answers from a connection: lines for the status line, headers and chunk
/// sizes, spans for bodies. A transport failure (a reset, a TLS error) becomes a
/// <see cref="HttpAnswerException"/> that says the answer broke off.
/// </summary>
internal sealed class AnswerReader(Stream input)
{
    /// <summary>The longest line read: a status line, a header or a chunk size line beyond it is refused.</summary>
    public const int MaxLine = 16 * 1024;

    // Not zeroed first: every byte is written by a read before it is looked at, and clearing 16 KiB
    // touched four fresh pages of every run for nothing.
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(MaxLine);
    private int _start;
    private int _end;

    /// <summary>Bytes that arrived on the connection so far (whether consumed or buffered).</summary>
    public long Received { get; private set; }

    /// <summary>
    /// The next line without its CR LF (a bare LF also ends a line, as the C plugins accept), or
    /// null when the connection ended before any byte of it.
    /// </summary>
    public string? ReadLine()
    {
        int scanned = 0;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (newline >= 0)
            {
                int length = newline - _start;
                string line = Encoding.Latin1.GetString(_buffer, _start, length > 0 && _buffer[newline - 1] == '\r' ? length - 1 : length);
                _start = newline + 1;
                return line;
            }

            scanned = _end - _start;
            if (scanned == MaxLine)
            {
                throw new HttpAnswerException(HttpAnswerFault.TooLarge, $"a line longer than {MaxLine / 1024} KiB");
            }

            if (Fill() == 0)
            {
                return scanned == 0 ? null : throw new HttpAnswerException(HttpAnswerFault.BrokeOff, "the server closed the connection mid-line");
            }
        }
    }

    /// <summary>Up to <paramref name="into"/>'s length of bytes; 0 only when the connection ended.</summary>
    public int Read(Span<byte> into)
    {
        if (_start == _end && Fill() == 0)
        {
            return 0;
        }

        int count = Math.Min(into.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(into);
        _start += count;
        return count;
    }

    /// <summary>Moves what is left to the front and reads more behind it; the count read, 0 at the end.</summary>
    private int Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        int read;
        try
        {
            read = input.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (IOException error)
        {
            throw new HttpAnswerException(HttpAnswerFault.BrokeOff, Transport.Reason(error), error);
        }

        _end += read;
        Received += read;
        return read;
    }
}
