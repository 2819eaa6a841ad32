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

    // 4 KiB to begin with, doubled only for a longer line: first buffers of 16 KiB, this one and the
    // RabbitMQ check's JSON reader's, cost a plain-http GET 0.03 to 0.06 ms in the heap's growth
    // (600 paired runs). Not zeroed first: every byte is written by a read before it is looked at.
    private byte[] _buffer = GC.AllocateUninitializedArray<byte>(4 * 1024);
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

    /// <summary>
    /// Up to <paramref name="into"/>'s length of bytes; 0 only when the connection ended. With
    /// nothing buffered, a span at least as long as the buffer is read into straight: a long body
    /// then costs no copy and no more reads than its reader's own buffer asks.
    /// </summary>
    public int Read(Span<byte> into)
    {
        if (_start == _end)
        {
            if (into.Length >= _buffer.Length)
            {
                return Receive(into);
            }

            if (Fill() == 0)
            {
                return 0;
            }
        }

        int count = Math.Min(into.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(into);
        _start += count;
        return count;
    }

    /// <summary>
    /// Moves what is left to the front and reads more behind it, growing the buffer when a line
    /// fills it (ReadLine refuses one of MaxLine first); the count read, 0 at the end.
    /// </summary>
    private int Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLine));
        }

        int read = Receive(_buffer.AsSpan(_end));
        _end += read;
        return read;
    }

    private int Receive(Span<byte> into)
    {
        int read;
        try
        {
            read = input.Read(into);
        }
        catch (IOException error)
        {
            throw new HttpAnswerException(HttpAnswerFault.BrokeOff, Transport.Reason(error), error);
        }

        Received += read;
        return read;
    }
}
