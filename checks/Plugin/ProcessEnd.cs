using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace StackFsck.Plugin;

/// <summary>
/// Ends a check's process once its result is written. exit() would first run the libraries'
/// destructors while work started beside the main flow may still be inside one of them: a
/// database connection opening while libvirt's listing had already failed segfaulted in OpenSSL's
/// initialisation, 1 run in about 400 of <c>check_nova_hypervisor</c> on a host without libvirtd,
/// exit 139 instead of the UNKNOWN line it had printed. _exit(2) ends the process at once; the
/// output is flushed before (PluginOutput flushes every write).
/// </summary>
internal static partial class ProcessEnd
{
    [DoesNotReturn]
    public static void Now(int status)
    {
        Exit(status);
        throw new UnreachableException();
    }

    [LibraryImport("libc.so.6", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
