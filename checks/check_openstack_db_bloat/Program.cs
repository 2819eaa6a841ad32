using StackFsck.Checks.DbBloat;
using StackFsck.Plugin;

return CheckHost.Run(BloatCheck.Definition, args);
