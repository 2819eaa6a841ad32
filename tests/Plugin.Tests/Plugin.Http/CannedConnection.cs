using StackFsck.Plugin.Http;

namespace StackFsck.Plugin.Tests.Http;

/// <summary>
/// A connection whose answer is fixed bytes, handed out a few at a time (so every buffer boundary
/// of the parser is crossed), and whose requests are kept for the test to read. In-process, for
/// the fuzz test's thousands of answers; the socket path is tested against <see cref="HandMadeHttpServer"/>.
/// </summary>
internal sealed class CannedConnection(byte[] answer, int largestRead) : Stream
{
    private readonly MemoryStream _sent = new();
    private int _position;

    public static HttpSession Session(byte[] answer, int largestRead = 7, long maxBodyBytes = HttpSession.DefaultMaxBodyBytes) =>
        new(uri => new HttpConnection(new CannedConnection(answer, largestRead), HttpConnection.OriginOf(uri)), maxBodyBytes);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = Math.Min(Math.Min(count, largestRead), answer.Length - _position);
        Array.Copy(answer, _position, buffer, offset, read);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => _sent.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
