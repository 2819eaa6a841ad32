using System.Runtime.InteropServices;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// Which file a path or an open handle is: device and inode (stat(2)). A renamed file keeps
/// its identity, which is how the reader finds nagios.log again after rotation moved it.
/// </summary>
public readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    public static FileIdentity Of(string path)
    {
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        return Stat(path, buffer) == 0
            ? FromBuffer(buffer)
            : throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    public static FileIdentity Of(FileStream file)
    {
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        return FStat((int)file.SafeFileHandle.DangerousGetHandle(), buffer) == 0
            ? FromBuffer(buffer)
            : throw new IOException($"cannot stat {file.Name}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    public override string ToString() => $"{Device}:{Inode}";

    // struct stat begins with st_dev and st_ino (8 bytes each) on 64-bit Linux (x86-64 and
    // arm64); the buffer is larger than the whole struct on both.
    private const int StatBufferSize = 256;

    private static FileIdentity FromBuffer(ReadOnlySpan<byte> stat) =>
        new(BitConverter.ToUInt64(stat[..8]), BitConverter.ToUInt64(stat[8..16]));

    private static int Stat(string path, Span<byte> buffer) => StatNative(path, ref MemoryMarshal.GetReference(buffer));

    private static int FStat(int fd, Span<byte> buffer) => FStatNative(fd, ref MemoryMarshal.GetReference(buffer));

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatNative(string path, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStatNative(int fd, ref byte buffer);
}
