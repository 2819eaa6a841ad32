namespace StackFsck.Libvirt;

public static class LibvirtUris
{
    /// <summary>
    /// The URI names a host (<c>qemu+ssh://cmp1/system</c>): the check runs away from the node, whose
    /// own files (sysfs, a unix socket) are not here. <c>qemu:///system</c> and <c>test:///PATH</c> name none.
    /// </summary>
    public static bool IsRemote(string uri)
    {
        int scheme = uri.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 && uri.Length > scheme + 3 && uri[scheme + 3] != '/';
    }
}
