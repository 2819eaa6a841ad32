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

    /// <summary>Stops the domain at once (virsh destroy) when it runs, then removes its definition (virsh undefine).</summary>
    public void DestroyAndUndefine(Guid uuid) => WithDomain(uuid, handle =>
    {
        if (virDomainIsActive(handle) == 1 && virDomainDestroy(handle) < 0)
        {
            throw new CheckException($"cannot destroy domain {uuid}: {LastError()}");
        }

        // Plain undefine refuses a domain with a managed save image, snapshots or NVRAM rather than
        // deleting them: a repair must leave what the saved XML cannot bring back.
        if (virDomainUndefine(handle) < 0)
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

    private static string LastError() => Marshal.PtrToStringUTF8(virGetLastErrorMessage()) ?? "unknown libvirt error";
}
