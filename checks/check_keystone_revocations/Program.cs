using StackFsck.Checks.Keystone;
using StackFsck.Plugin;

return CheckHost.Run(RevocationsCheck.Definition, args);
