using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using StackFsck.Alerts.Reading;

namespace StackFsck.Alerts.StatsD;

/// <summary>
/// The datagrams of one send, on disk beside the state file (<c>STATE.batch</c>) before the first
/// leaves, with the read position they take the log to and one progress byte per datagram,
/// rewritten in place as each leaves: <c>.</c> not sent, <c>&gt;</c> being sent, <c>+</c> sent.
/// A run killed half way leaves the batch; the next run sends what had not left, then saves the
/// position, so lines are never read (and counted) again: only the datagram marked <c>&gt;</c> is
/// in doubt. The progress bytes are plain writes (no fsync): a killed process's writes are in the
/// page cache and survive it; only a crash of the whole machine can lose them.
/// </summary>
public sealed class SendBatch : IDisposable
{
    public const byte NotSent = (byte)'.';
    public const byte Sending = (byte)'>';
    public const byte Sent = (byte)'+';

    private const string ProgressKey = "progress=";

    private readonly SafeFileHandle _file;
    private readonly long _progressAt;
    private readonly byte[] _progress;

    private SendBatch(string path, SafeFileHandle file, long progressAt, byte[] progress, ReadPosition next, IReadOnlyList<byte[]> payloads)
    {
        Path = path;
        _file = file;
        _progressAt = progressAt;
        _progress = progress;
        Next = next;
        Payloads = payloads;
    }

    public string Path { get; }

    /// <summary>The read position once every datagram has left.</summary>
    public ReadPosition Next { get; }

    public IReadOnlyList<byte[]> Payloads { get; }

    /// <summary>The first datagram not known to have left (<see cref="Payloads"/>.Count when all have).</summary>
    public int FirstUnsent => Array.FindIndex(_progress, state => state != Sent) is int i and >= 0 ? i : _progress.Length;

    /// <summary>Whether a run was killed while sending <see cref="FirstUnsent"/>: it may or may not have left.</summary>
    public bool FirstUnsentInDoubt => FirstUnsent < _progress.Length && _progress[FirstUnsent] == Sending;

    public static string PathFor(string statePath) => statePath + ".batch";

    /// <summary>Writes the batch (atomically, flushed to disk) and opens it for marking progress.</summary>
    public static SendBatch Create(string path, ReadPosition next, IReadOnlyList<byte[]> payloads)
    {
        string head = "# confgen alerts: StatsD datagrams of a send under way (removed once all have left)\n"
            + "# progress: one byte per datagram: '.' not sent, '>' being sent when the run stopped (may have left), '+' sent\n"
            + StateFile.Format(next)
            + string.Create(CultureInfo.InvariantCulture, $"datagrams={payloads.Count}\n{ProgressKey}");
        using var bytes = new MemoryStream();
        bytes.Write(Encoding.ASCII.GetBytes(head));
        bytes.Write(Enumerable.Repeat(NotSent, payloads.Count).ToArray());
        bytes.WriteByte((byte)'\n');
        foreach (byte[] payload in payloads)
        {
            bytes.Write(Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + "\n"));
            bytes.Write(payload);
            bytes.WriteByte((byte)'\n');
        }

        AtomicFile.Write(path, bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        return Open(path) ?? throw new IOException($"{path} vanished as it was written");
    }

    /// <summary>The batch a killed or failed run left, or null when there is none.</summary>
    public static SendBatch? Open(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            int key = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes("\n" + ProgressKey));
            int progressAt = key >= 0 ? key + 1 + ProgressKey.Length : throw new FormatException("no progress line");
            Dictionary<string, string> values = StateFile.Values(Encoding.ASCII.GetString(bytes, 0, progressAt).Split('\n'));
            int count = int.Parse(values["datagrams"], CultureInfo.InvariantCulture);
            byte[] progress = bytes.AsSpan(progressAt, count).ToArray();
            var payloads = new List<byte[]>(count);
            int at = progressAt + count + 1;
            for (int i = 0; i < count; i++)
            {
                int newline = Array.IndexOf(bytes, (byte)'\n', at);
                int length = int.Parse(bytes.AsSpan(at, newline - at), NumberStyles.None, CultureInfo.InvariantCulture);
                payloads.Add(bytes.AsSpan(newline + 1, length).ToArray());
                at = newline + 1 + length + 1;
            }

            if (progress.Any(p => p is not (NotSent or Sending or Sent)) || at != bytes.Length)
            {
                throw new FormatException("its datagrams do not add up");
            }

            var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            return new SendBatch(path, file, progressAt, progress, StateFile.Parse(values, $"batch file {path}"), payloads);
        }
        catch (Exception error) when (error is KeyNotFoundException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"batch file {path} is damaged ({error.Message}); remove it and the next run reads those lines again (any of its datagrams that had left then count twice)");
        }
    }

    /// <summary>Records where datagram <paramref name="index"/> stands (one byte, written in place).</summary>
    public void Mark(int index, byte state)
    {
        _progress[index] = state;
        RandomAccess.Write(_file, new[] { state }, _progressAt + index);
    }

    /// <summary>Every datagram has left and the position is saved: the batch goes.</summary>
    public void Remove()
    {
        _file.Dispose();
        File.Delete(Path);
    }

    public void Dispose() => _file.Dispose();
}
