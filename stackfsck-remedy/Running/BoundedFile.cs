using System.Text;

namespace StackFsck.Remedy.Running;

/// <summary>An output file that takes at most a given number of bytes (a command's output, then the runner's own notes), then notes that the rest was cut.</summary>
public sealed class BoundedFile(string path, long limit) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.Write);
    private readonly Lock _lock = new();

    public long Written { get; private set; }

    public bool Truncated { get; private set; }

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Copies a stream to the end (reading on past the limit, so the writer never blocks on a full pipe).</summary>
    public Task CopyFrom(Stream source) => Task.Run(() =>
    {
        byte[] buffer = new byte[16384];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            Write(buffer.AsSpan(0, read));
        }
    });

    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (!_file.CanWrite)
            {
                return;
            }

            int room = (int)Math.Min(bytes.Length, limit - Written);
            _file.Write(bytes[..room]);
            _file.Flush();
            Written += room;
            if (room < bytes.Length && !Truncated)
            {
                Truncated = true;
                _file.Write(Encoding.UTF8.GetBytes($"\nstackfsck-remedy: output cut at {limit} bytes\n"));
            }
        }
    }
}
