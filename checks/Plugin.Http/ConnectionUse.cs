using System.Diagnostics;
using System.Net.Sockets;

namespace StackFsck.Plugin.Http;

/// <summary>
/// What HttpClient does not tell: whether a request went out on a connection from the pool (open
/// before the request began: kept alive after an earlier answer, or opened ahead for another
/// request and left idle), and whether any byte came back on it since. Each connection's stream
/// notes when it connected and counts the bytes it read; the request being sent (an async-local
/// attempt) binds to the connection on its first write, which HttpClient makes on the request's
/// own async flow.
/// </summary>
internal sealed class ConnectionUse
{
    private static readonly AsyncLocal<ConnectionUse?> CurrentAttempt = new();

    private readonly long _began = Stopwatch.GetTimestamp();
    private CountingStream? _connection;
    private long _readBefore;

    /// <summary>The request went out on a connection that was open before it began (the server may have closed it meanwhile).</summary>
    public bool Pooled { get; private set; }

    /// <summary>A byte arrived on the connection after this request went out.</summary>
    public bool AnswerStarted => _connection is not null && _connection.BytesRead > _readBefore;

    /// <summary>Starts tracing the request about to be sent on this async flow.</summary>
    public static ConnectionUse Begin() => CurrentAttempt.Value = new ConnectionUse();

    /// <summary>SocketsHttpHandler's ConnectCallback: a plain TCP connection whose stream is counted.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new CountingStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Bind(CountingStream connection)
    {
        _connection = connection;
        _readBefore = connection.BytesRead;
        Pooled = connection.ConnectedAt < _began;
    }

    /// <summary>A connection's stream that notes when it connected and counts the bytes it read.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long ConnectedAt { get; } = Stopwatch.GetTimestamp();

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        private long _bytesRead;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default) =>
            Counted(await inner.ReadAsync(buffer, token));

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken token = default)
        {
            BindCurrentAttempt();
            return inner.WriteAsync(buffer, token);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            BindCurrentAttempt();
            inner.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken token) => inner.FlushAsync(token);
        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            Interlocked.Add(ref _bytesRead, read);
            return read;
        }

        /// <summary>The first write of a request binds it; later writes (the rest of its headers, its body) find it bound.</summary>
        private void BindCurrentAttempt()
        {
            if (CurrentAttempt.Value is { _connection: null } attempt)
            {
                attempt.Bind(this);
            }
        }
    }
}
