using System.Runtime.InteropServices;
using StackFsck.Plugin;
using static StackFsck.Libvirt.LibvirtNative;

namespace StackFsck.Libvirt;

/// <summary>
/// One connection to a hypervisor: read-only for the check, which lists domains; read-write for a
/// repair, which looks one domain up by uuid, saves its XML, destroys and undefines it, and for its
/// undo, which defines the saved XML again. Every failure is a <see cref="CheckException"/> of one
/// line with libvirt's own reason.
/// </summary>
public sealed unsafe class LibvirtConnection : IDisposable
{
    private readonly IntPtr _connection;

    private LibvirtConnection(string uri, IntPtr connection)
    {
        Uri = uri;
        _connection = connection;
    }

    public string Uri { get; }

    public static LibvirtConnection Open(string uri, bool readOnly)
    {
        // libvirt would print each error to standard error as well; the caller words it once, itself.
        virSetErrorFunc(IntPtr.Zero, &IgnoreError);
        IntPtr connection;
        try
        {
            connection = readOnly ? virConnectOpenReadOnly(uri) : virConnectOpen(uri);
        }
        catch (DllNotFoundException)
        {
            throw new CheckException("libvirt.so.0 not found: install libvirt0 (Debian) or libvirt-libs");
        }

        return connection != IntPtr.Zero
            ? new LibvirtConnection(uri, connection)
            : throw new CheckException($"cannot connect to libvirt '{uri}': {LastError()}");
    }

    /// <summary>Every domain, running or merely defined: uuid, name and state.</summary>
    public List<Domain> ListDomains() => List(static (_, domain) => domain);

    /// <summary>
    /// The same with each domain's disks and interfaces, read from its XML. A method of its own, not a
    /// flag: an executable that never calls it (stackfsck-remedy) links no XML reader.
    /// </summary>
    public List<Domain> ListDomainsWithDevices() => List(static (handle, domain) => domain with { Devices = ReadDevices(handle, domain) });

    private List<Domain> List(Func<IntPtr, Domain, Domain> describe)
    {
        int count = virConnectListAllDomains(_connection, out IntPtr* handles, 0);
        if (count < 0)
        {
            throw new CheckException($"cannot list the domains of libvirt '{Uri}': {LastError()}");
        }

        var domains = new List<Domain>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                domains.Add(describe(handles[i], Describe(handles[i])));
            }
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                virDomainFree(handles[i]);
            }

            NativeMemory.Free(handles);
        }

        return domains;
    }

    /// <summary>The domain of this uuid as it is now, or null when none is defined.</summary>
    public Domain? Find(Guid uuid)
    {
        IntPtr handle = Lookup(uuid);
        if (handle == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Describe(handle);
        }
        finally
        {
            virDomainFree(handle);
        }
    }

    /// <summary>
    /// The domain's persistent definition with its secrets (what <c>virsh dumpxml --inactive --security-info</c>
    /// prints): defining it again recreates the same domain, shut off.
    /// </summary>
    public string DefinitionXml(Guid uuid) => WithDomain(uuid, handle =>
    {
        byte* xml = virDomainGetXMLDesc(handle, XmlSecure | XmlInactive);
        if (xml is null)
        {
            throw new CheckException($"cannot read the XML of domain {uuid}: {LastError()}");
        }

        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)xml)!;
        }
        finally
        {
            NativeMemory.Free(xml);
        }
    });

    /// <summary>
    /// Why the domain holds state its saved XML cannot bring back (a managed save image, snapshots),
    /// with what the operator can do; null when it holds none. libvirt refuses to undefine such a
    /// domain, so a repair asks this before it destroys anything.
    /// </summary>
    public string? StateBeyondXml(Guid uuid) => WithDomain(uuid, handle =>
    {
        string name = Marshal.PtrToStringUTF8(virDomainGetName(handle)) ?? uuid.ToString();
        int saved = virDomainHasManagedSaveImage(handle, 0), snapshots = virDomainSnapshotNum(handle, 0);
        return (saved, snapshots) switch
        {
            ( < 0, _) or (_, < 0) => throw new CheckException($"cannot read the saved state of domain {uuid}: {LastError()}"),
            ( > 0, _) => $"it has a managed save image (see virsh managedsave-remove {name})",
            (_, > 0) => $"it has {snapshots} snapshot(s) (see virsh snapshot-list {name})",
            _ => null,
        };
    });

    /// <summary>
    /// Stops the domain at once (virsh destroy) when it runs, then removes its definition (virsh undefine
    /// --keep-nvram): a UEFI domain's NVRAM file stays, so defining the saved XML again brings it back whole.
    /// </summary>
    public void DestroyAndUndefine(Guid uuid) => WithDomain(uuid, handle =>
    {
        if (virDomainIsActive(handle) == 1 && virDomainDestroy(handle) < 0)
        {
            throw new CheckException($"cannot destroy domain {uuid}: {LastError()}");
        }

        // A driver without NVRAM support (the test driver) refuses the flag; plain undefine is then the
        // same act, and virsh falls back the same way. Without flags for them, libvirt refuses a domain
        // with a managed save image or snapshots rather than deleting them: a repair must leave what the
        // saved XML cannot bring back.
        if (virDomainUndefineFlags(handle, UndefineKeepNvram) < 0 && !(LacksFlag() && virDomainUndefine(handle) == 0))
        {
            throw new CheckException($"cannot undefine domain {uuid}: {LastError()}");
        }

        return true;
    });

    /// <summary>Defines a domain from its XML (virsh define); it is not started.</summary>
    public Domain Define(string xml)
    {
        IntPtr handle = virDomainDefineXML(_connection, xml);
        if (handle == IntPtr.Zero)
        {
            throw new CheckException($"cannot define the domain on libvirt '{Uri}': {LastError()}");
        }

        try
        {
            return Describe(handle);
        }
        finally
        {
            virDomainFree(handle);
        }
    }

    public void Dispose() => virConnectClose(_connection);

    private T WithDomain<T>(Guid uuid, Func<IntPtr, T> use)
    {
        IntPtr handle = Lookup(uuid);
        if (handle == IntPtr.Zero)
        {
            throw new CheckException($"no domain {uuid} on libvirt '{Uri}'");
        }

        try
        {
            return use(handle);
        }
        finally
        {
            virDomainFree(handle);
        }
    }

    /// <summary>The domain's handle, or zero when libvirt has no such domain; any other failure throws.</summary>
    private IntPtr Lookup(Guid uuid)
    {
        IntPtr handle = virDomainLookupByUUIDString(_connection, uuid.ToString());
        if (handle == IntPtr.Zero && virGetLastErrorCode() != NoDomain)
        {
            throw new CheckException($"cannot look up domain {uuid} on libvirt '{Uri}': {LastError()}");
        }

        return handle;
    }

    private static Domain Describe(IntPtr handle)
    {
        byte* uuid = stackalloc byte[UuidStringLength];
        if (virDomainGetUUIDString(handle, uuid) < 0)
        {
            throw new CheckException($"cannot read a domain's uuid: {LastError()}");
        }

        string name = Marshal.PtrToStringUTF8(virDomainGetName(handle)) ?? "";
        DomainState state = virDomainGetState(handle, out int raw, out _, 0) == 0 ? (DomainState)raw : DomainState.NoState;
        return new Domain(Guid.Parse(Marshal.PtrToStringUTF8((IntPtr)uuid)!), name, state);
    }

    /// <summary>The disks and interfaces of the domain's XML; a domain whose XML cannot be read or parsed has <see cref="DomainDevices.Unreadable"/> set.</summary>
    private static DomainDevices ReadDevices(IntPtr handle, Domain domain)
    {
        byte* xml = virDomainGetXMLDesc(handle, 0);
        if (xml is null)
        {
            return DomainDevices.Failed($"cannot read the XML of domain {domain.Name}: {LastError()}");
        }

        try
        {
            return DomainXml.Devices(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(xml), domain.Name);
        }
        finally
        {
            NativeMemory.Free(xml);
        }
    }

    private static bool LacksFlag() => virGetLastErrorCode() is NoSupport or InvalidArg;

    private static string LastError() => Marshal.PtrToStringUTF8(virGetLastErrorMessage()) ?? "unknown libvirt error";
}
