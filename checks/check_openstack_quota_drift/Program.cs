using StackFsck.Checks.OpenStackQuotaDrift;
using StackFsck.Plugin;

return CheckHost.Run(QuotaDriftCheck.Definition, args);
