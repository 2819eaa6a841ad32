using StackFsck.Checks.OpenStackOrphans;
using StackFsck.Plugin;

return CheckHost.Run(OrphansCheck.Definition, args);
