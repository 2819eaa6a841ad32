using System.CommandLine;
using StackFsck.Alerts;
using StackFsck.Confgen.AlertsCli;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Inventory;
using StackFsck.Plugin;

// `stackfsck-alerts send ...` takes what `confgen alerts send ...` takes and sends the same metrics.
const string Program = "stackfsck-alerts";
Option<string> inventory = SharedOptions.Inventory();
var root = new RootCommand("stackfsck-alerts: Nagios' alert log to StatsD counters (confgen alerts send, without a .NET runtime)")
{
    AlertsCommand.Send(Program, new InventorySource(command => command.Options.Add(inventory), parse => new InventoryView(SharedOptions.Load(parse, inventory).Hosts, []))),
};
TextWriter stdout = StandardStreams.Output();
TextWriter stderr = StandardStreams.Error();
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr });
}
catch (InventoryException error)
{
    stderr.WriteLine($"{Program}: {ErrorLine.Of(error.Message)}");
    return ExitCodes.Error;
}
catch (Exception error)
{
    // A bug, not bad input: still one line for cron's mail, never a stack trace.
    stderr.WriteLine($"{Program}: internal error ({error.GetType().Name}): {ErrorLine.Of(error.Message)}");
    return ExitCodes.Error;
}
