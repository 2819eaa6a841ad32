using StackFsck.Checks.KeystoneLatency;
using StackFsck.Plugin;

// The check ships for linux-x64 only; the token cache relies on Unix file modes (0600).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

return CheckHost.Run(TokenLatencyCheck.Definition, args);
