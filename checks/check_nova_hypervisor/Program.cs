using StackFsck.Checks.NovaHypervisor;
using StackFsck.Plugin;

return CheckHost.Run(HypervisorCheck.RunAs(Environment.GetCommandLineArgs()[0]), args);
