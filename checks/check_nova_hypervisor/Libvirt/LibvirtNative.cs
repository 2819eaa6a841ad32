using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StackFsck.Checks.NovaHypervisor.Libvirt;

/// <summary>
/// The few calls of libvirt's C API (libvirt.so.0, Debian libvirt0) the check needs: a read-only
/// connection, the list of all domains, and each domain's uuid, name, state and XML description.
/// </summary>
internal static unsafe partial class LibvirtNative
{
    private const string Library = "libvirt.so.0";

    /// <summary>VIR_UUID_STRING_BUFLEN: 36 characters and the terminating NUL.</summary>
    public const int UuidStringLength = 37;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectOpenReadOnly(string? name);

    [LibraryImport(Library)]
    public static partial int virConnectClose(IntPtr connection);

    /// <summary>Fills <paramref name="domains"/> with a malloc'ed array of domain handles; returns their count or -1.</summary>
    [LibraryImport(Library)]
    public static partial int virConnectListAllDomains(IntPtr connection, out IntPtr* domains, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetUUIDString(IntPtr domain, byte* buffer);

    /// <summary>The name is owned by the domain handle: copy it before <see cref="virDomainFree"/>.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr virDomainGetName(IntPtr domain);

    [LibraryImport(Library)]
    public static partial int virDomainGetState(IntPtr domain, out int state, out int reason, uint flags);

    /// <summary>The domain's XML (flags 0: as it runs now, or as defined when shut off), malloc'ed: the caller frees it.</summary>
    [LibraryImport(Library)]
    public static partial byte* virDomainGetXMLDesc(IntPtr domain, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainFree(IntPtr domain);

    [LibraryImport(Library)]
    public static partial IntPtr virGetLastErrorMessage();

    [LibraryImport(Library)]
    public static partial void virSetErrorFunc(IntPtr userData, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> handler);

    /// <summary>
    /// libvirt's default error handler prints every error to standard error; the check reports the
    /// error itself, in one line, so it installs this handler that ignores them.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void IgnoreError(IntPtr userData, IntPtr error)
    {
    }
}
