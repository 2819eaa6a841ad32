namespace StackFsck.Plugin.Http;

/// <summary>
/// The body of an HTTP answer, read as a stream whose transport failures (the server closed the
/// connection mid-answer, a damaged chunk, a reset) become one <see cref="CheckException"/>
/// sentence naming the URL, instead of .NET's HttpIOException reaching the operator.
/// </summary>
internal sealed class HttpBody(Stream inner, string where) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (IOException error)
        {
            throw Broken(error);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException error)
        {
            throw Broken(error);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private CheckException Broken(IOException error) => new(error is HttpIOException http
        ? http.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => $"the answer from {where} broke off before its end (the server closed the connection mid-answer)",
            HttpRequestError.InvalidResponse => $"the answer from {where} is damaged (its length or chunks do not add up)",
            _ => $"the answer from {where} broke off before its end (the connection broke)",
        }
        : $"the answer from {where} broke off before its end ({error.InnerException?.Message ?? "connection lost"})", inner: error);
}
