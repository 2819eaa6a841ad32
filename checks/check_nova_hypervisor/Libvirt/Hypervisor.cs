using System.Runtime.InteropServices;
using StackFsck.Plugin;
using static StackFsck.Checks.NovaHypervisor.Libvirt.LibvirtNative;

namespace StackFsck.Checks.NovaHypervisor.Libvirt;

/// <summary>
/// Lists every domain (running or merely defined) of one hypervisor over a read-only libvirt
/// connection; with <c>devices</c>, each domain's XML is fetched once and its disks and interfaces kept.
/// </summary>
internal static unsafe class Hypervisor
{
    public static List<Domain> ListDomains(string uri, bool devices = false)
    {
        IntPtr connection = Open(uri);
        try
        {
            return ReadAll(connection, uri, devices);
        }
        finally
        {
            virConnectClose(connection);
        }
    }

    private static IntPtr Open(string uri)
    {
        // libvirt would print each error to standard error as well; the check words it once, itself.
        virSetErrorFunc(IntPtr.Zero, &IgnoreError);
        IntPtr connection;
        try
        {
            connection = virConnectOpenReadOnly(uri);
        }
        catch (DllNotFoundException)
        {
            throw new CheckException("libvirt.so.0 not found: install libvirt0 (Debian) or libvirt-libs");
        }

        return connection != IntPtr.Zero
            ? connection
            : throw new CheckException($"cannot connect to libvirt '{uri}': {LastError()}");
    }

    private static List<Domain> ReadAll(IntPtr connection, string uri, bool devices)
    {
        int count = virConnectListAllDomains(connection, out IntPtr* handles, 0);
        if (count < 0)
        {
            throw new CheckException($"cannot list the domains of libvirt '{uri}': {LastError()}");
        }

        var domains = new List<Domain>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                Domain domain = Describe(handles[i]);
                domains.Add(devices ? domain with { Devices = ReadDevices(handles[i], domain) } : domain);
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
