using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Http;

/// <summary>How a check trusts an https server: the system store, a CA file, or (for tests and emergencies) nothing.</summary>
public sealed class TlsOptions
{
    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "PEM file of the CA(s) that signed the server's certificate (instead of the system store)",
        HelpName = "FILE",
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "accept any server certificate (not for production)",
    };

    public IEnumerable<Option> Options => [CaFile, Insecure];
}
