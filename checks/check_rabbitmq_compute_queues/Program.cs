using StackFsck.Checks.RabbitMq;
using StackFsck.Plugin;

return CheckHost.Run(ComputeQueuesCheck.Definition, args);
