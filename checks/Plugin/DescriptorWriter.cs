using System.Runtime.InteropServices;
using System.Text;

namespace StackFsck.Plugin;

/// <summary>
/// Writes a standard descriptor with write(2), as a C plugin does. .NET's Console would first set
/// up the terminal and a signal-handling thread and look up the console's encoding: about a tenth
/// of a check's managed start-up, for one line of output (bench/db_startup.sh). UTF-8 without a
/// byte-order mark, as Console writes on Linux.
/// </summary>
internal sealed partial class DescriptorWriter(int descriptor) : Stream
{
    private const int Interrupted = 4; // EINTR

    /// <summary>
    /// Synchronized (the deadline's thread and the check's may both write) and flushed at every
    /// write, as Console's writers are: a program that never flushes loses nothing.
    /// </summary>
    public static TextWriter Open(int descriptor) =>
        TextWriter.Synchronized(new StreamWriter(new DescriptorWriter(descriptor), new UTF8Encoding(false)) { AutoFlush = true });

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>
    /// Writes all of <paramref name="buffer"/>, or stops at the first error: a reader that went
    /// away (EPIPE) or a full disk has no one to tell, and the check's exit code still stands.
    /// </summary>
    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                nint written = write(descriptor, start + done, buffer.Length - done);
                if (written > 0)
                {
                    done += (int)written;
                }
                else if (written == 0 || Marshal.GetLastPInvokeError() != Interrupted)
                {
                    return; // 0 bytes for a non-empty buffer would only repeat: give up as on an error
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static unsafe partial nint write(int descriptor, byte* buffer, nint count);
}
