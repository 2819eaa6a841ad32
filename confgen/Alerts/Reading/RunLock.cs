using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// Keeps two runs (cron overlapping a slow run, an operator by hand) from reading and sending
/// the same lines. The lock file holds the owner's pid; the exclusion itself is flock(2) on
/// it, which the kernel drops when the owner dies, so a stale lock (its pid dead, or reused by an
/// unrelated process) is taken over without guessing from pids. The file is opened with open(2)
/// rather than FileStream, whose own advisory locking would stop a waiting run from reading the pid.
/// </summary>
public sealed partial class RunLock : IDisposable
{
    private readonly SafeFileHandle _file;

    private RunLock(SafeFileHandle file, int? stalePid)
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
        int fd = Open(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, 0b110_100_100);
        if (fd < 0)
        {
            throw new IOException($"cannot open the lock file {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var file = new SafeFileHandle(fd, ownsHandle: true);
        if (Flock((int)file.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
        {
            holder = ReadPid(file);
            file.Dispose();
            return null;
        }

        int? stale = ReadPid(file);
        RandomAccess.SetLength(file, 0);
        RandomAccess.Write(file, System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"), 0);
        return new RunLock(file, stale);
    }

    /// <summary>Empties the pid (a pid left behind means a run died holding the lock) and lets go.</summary>
    public void Dispose()
    {
        RandomAccess.SetLength(_file, 0);
        _file.Dispose();
    }

    private static int? ReadPid(SafeFileHandle file)
    {
        Span<byte> text = stackalloc byte[32];
        int length = RandomAccess.Read(file, text, 0);
        return int.TryParse(text[..length].Trim("\n "u8), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    // Linux values (the same on x86-64 and arm64).
    private const int OpenReadWrite = 0x2;
    private const int OpenCreate = 0x40;
    private const int OpenCloseOnExec = 0x80000;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
