namespace StackFsck.Plugin.Http;

/// <summary>
/// A connected non-blocking socket, TCP or unix (<see cref="SocketConnect"/>, <see cref="PosixSockets"/>),
/// as a stream whose every read and write waits at most what is left of the run's deadline: poll(2)
/// with the remaining time before each receive and send, on the caller's own thread. HttpClient
/// needs an epoll thread and timers for the same; a check that sends one request needs neither.
/// </summary>
internal sealed class SocketStream(int fd, Deadline deadline) : SynchronousStream
{
    private bool _closed;

    public override bool CanWrite => true;

    /// <summary>The socket's descriptor, for TLS on top (<see cref="TlsStream"/>).</summary>
    public int Descriptor => fd;

    public Deadline Deadline => deadline;

    /// <summary>Waits until <paramref name="fd"/> is ready for <paramref name="events"/>, or throws the deadline's overrun.</summary>
    public static void WaitUntilReady(int fd, short events, Deadline deadline)
    {
        while (true)
        {
            TimeSpan left = deadline.Remaining;
            if (left <= TimeSpan.Zero || deadline.Expired)
            {
                throw deadline.Overrun();
            }

            if (PosixSockets.Poll(fd, events, (int)Math.Min(Math.Ceiling(left.TotalMilliseconds), int.MaxValue)))
            {
                return;
            }
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            WaitUntilReady(fd, PosixSockets.PollIn, deadline);
            int read = PosixSockets.Receive(fd, buffer);
            if (read >= 0)
            {
                return read;
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            WaitUntilReady(fd, PosixSockets.PollOut, deadline);
            int sent = PosixSockets.Send(fd, buffer);
            if (sent > 0)
            {
                buffer = buffer[sent..];
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!_closed)
        {
            _closed = true;
            PosixSockets.Close(fd);
        }

        base.Dispose(disposing);
    }
}
