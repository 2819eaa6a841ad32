using StackFsck.Checks.OpenStackStuck;
using StackFsck.Plugin;

return CheckHost.Run(StuckCheck.Definition, args);
