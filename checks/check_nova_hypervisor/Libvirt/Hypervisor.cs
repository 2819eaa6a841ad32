using System.Runtime.InteropServices;
using StackFsck.Plugin;
using static StackFsck.Checks.NovaHypervisor.Libvirt.LibvirtNative;

namespace StackFsck.Checks.NovaHypervisor.Libvirt;

/// <summary>Lists every domain (running or merely defined) of one hypervisor over a read-only libvirt connection.</summary>
internal static unsafe class Hypervisor
{
    public static List<Domain> ListDomains(string uri)
    {
        IntPtr connection = Open(uri);
        try
        {
            return ReadAll(connection, uri);
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

    private static List<Domain> ReadAll(IntPtr connection, string uri)
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
                domains.Add(Describe(handles[i]));
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

    private static string LastError() => Marshal.PtrToStringUTF8(virGetLastErrorMessage()) ?? "unknown libvirt error";
}
