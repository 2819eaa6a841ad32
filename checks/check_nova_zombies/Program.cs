using StackFsck.Checks.NovaZombies;
using StackFsck.Plugin;

return CheckHost.Run(NovaZombiesCheck.Definition, args);
