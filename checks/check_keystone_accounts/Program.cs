using StackFsck.Checks.Keystone;
using StackFsck.Plugin;

return CheckHost.Run(AccountsCheck.Definition, args);
