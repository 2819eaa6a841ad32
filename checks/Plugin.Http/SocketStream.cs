using System.Net.Sockets;

namespace StackFsck.Plugin.Http;

/// <summary>
/// A connected non-blocking socket as a stream whose every read and write waits at most what is
/// left of the run's deadline: poll(2) with the remaining time before each receive and send, on
/// the caller's own thread. HttpClient needs an epoll thread and timers for the same; a check
/// that sends one request needs neither.
/// </summary>
public sealed class SocketStream(Socket socket, Deadline deadline) : SynchronousStream
{
    /// <summary>Socket.Poll takes at most int.MaxValue microseconds; a longer wait polls again.</summary>
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1000);

    public override bool CanWrite => true;

    /// <summary>Waits until <paramref name="socket"/> is ready for <paramref name="mode"/>, or throws the deadline's overrun.</summary>
    public static void WaitUntilReady(Socket socket, SelectMode mode, Deadline deadline)
    {
        while (true)
        {
            TimeSpan left = deadline.Remaining;
            if (left <= TimeSpan.Zero || deadline.Expired)
            {
                throw deadline.Overrun();
            }

            if (socket.Poll(left < LongestPoll ? left : LongestPoll, mode))
            {
                return;
            }
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            WaitUntilReady(socket, SelectMode.SelectRead, deadline);
            int read = socket.Receive(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return read;
            }

            ThrowUnlessWouldBlock(error);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            WaitUntilReady(socket, SelectMode.SelectWrite, deadline);
            int sent = socket.Send(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                buffer = buffer[sent..];
                continue;
            }

            ThrowUnlessWouldBlock(error);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A socket failure as an IOException with the socket's reason inside, as NetworkStream throws it.</summary>
    private static void ThrowUnlessWouldBlock(SocketError error)
    {
        if (error is not (SocketError.WouldBlock or SocketError.Interrupted))
        {
            var cause = new SocketException((int)error);
            throw new IOException(cause.Message, cause);
        }
    }
}
