using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StackFsck.Libvirt;

/// <summary>
/// The few calls of libvirt's C API (libvirt.so.0, Debian libvirt0) the check and the repairs need:
/// a connection, the list of all domains, each domain's uuid, name, state and XML description, and
/// for a repair a lookup by uuid, destroy, undefine and define.
/// </summary>
internal static unsafe partial class LibvirtNative
{
    private const string Library = "libvirt.so.0";

    /// <summary>VIR_UUID_STRING_BUFLEN: 36 characters and the terminating NUL.</summary>
    public const int UuidStringLength = 37;

    /// <summary>virErrorNumber VIR_ERR_NO_DOMAIN: a lookup found no such domain.</summary>
    public const int NoDomain = 42;

    /// <summary>virErrorNumber VIR_ERR_NO_SUPPORT and VIR_ERR_INVALID_ARG: what a driver that lacks a flag answers.</summary>
    public const int NoSupport = 3, InvalidArg = 8;

    /// <summary>virDomainXMLFlags: VIR_DOMAIN_XML_SECURE (passwords included) and VIR_DOMAIN_XML_INACTIVE (the persistent definition).</summary>
    public const uint XmlSecure = 1, XmlInactive = 2;

    /// <summary>virDomainUndefineFlagsValues VIR_DOMAIN_UNDEFINE_KEEP_NVRAM: undefine a UEFI domain, its NVRAM file left where it is.</summary>
    public const uint UndefineKeepNvram = 8;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectOpenReadOnly(string? name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectOpen(string? name);

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

    /// <summary>The domain of this uuid (a handle to free), or zero with the last error set.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virDomainLookupByUUIDString(IntPtr connection, string uuid);

    /// <summary>1 when the domain runs, 0 when it does not, -1 on error.</summary>
    [LibraryImport(Library)]
    public static partial int virDomainIsActive(IntPtr domain);

    [LibraryImport(Library)]
    public static partial int virDomainDestroy(IntPtr domain);

    [LibraryImport(Library)]
    public static partial int virDomainUndefine(IntPtr domain);

    [LibraryImport(Library)]
    public static partial int virDomainUndefineFlags(IntPtr domain, uint flags);

    /// <summary>1 when the domain has a managed save image (virsh managedsave), 0 when not, -1 on error.</summary>
    [LibraryImport(Library)]
    public static partial int virDomainHasManagedSaveImage(IntPtr domain, uint flags);

    /// <summary>How many snapshots the domain has, or -1 on error.</summary>
    [LibraryImport(Library)]
    public static partial int virDomainSnapshotNum(IntPtr domain, uint flags);

    /// <summary>Defines (does not start) a domain from its XML; a handle to free, or zero.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virDomainDefineXML(IntPtr connection, string xml);

    [LibraryImport(Library)]
    public static partial int virGetLastErrorCode();

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
