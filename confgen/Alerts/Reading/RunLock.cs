using System.Globalization;
using System.Runtime.InteropServices;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// Keeps two runs (cron overlapping a slow run, an operator by hand) from reading and sending
/// the same lines. The lock file holds the owner's pid; the exclusion itself is flock(2) on
/// it, which the kernel drops when the owner dies, so a stale lock (its pid dead, or reused by an
/// unrelated process) is taken over without guessing from pids.
/// </summary>
public sealed partial class RunLock : IDisposable
{
    private readonly FileStream _file;

    private RunLock(FileStream file, int? stalePid)
    {
        _file = file;
        StalePid = stalePid;
    }

    /// <summary>The pid a crashed earlier run left in the lock file, now taken over.</summary>
    public int? StalePid { get; }

    /// <summary>Takes the lock, or returns null (and the holder's pid, when readable) if another run has it.</summary>
    public static RunLock? TryAcquire(string path, out int? holder)
    {
        holder = null;
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 1);
        if (Flock((int)file.SafeFileHandle.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
        {
            holder = ReadPid(file);
            file.Dispose();
            return null;
        }

        int? stale = ReadPid(file);
        file.SetLength(0);
        file.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        file.Flush();
        return new RunLock(file, stale);
    }

    /// <summary>Empties the pid (a pid left behind means a run died holding the lock) and lets go.</summary>
    public void Dispose()
    {
        _file.SetLength(0);
        _file.Dispose();
    }

    private static int? ReadPid(FileStream file)
    {
        Span<byte> text = stackalloc byte[32];
        int length = RandomAccess.Read(file.SafeFileHandle, text, 0);
        return int.TryParse(text[..length].Trim("\n "u8), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
