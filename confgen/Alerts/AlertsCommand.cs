using System.CommandLine;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Reading;
using StackFsck.Alerts.Report;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Alerts;

/// <summary>
/// <c>confgen alerts send|report</c>, and <c>stackfsck-alerts send</c> (the same send, a Native AOT
/// executable for the monitoring servers). Each program says, per subcommand, which options name
/// the inventory and how to load it (this library knows nothing of the inventory's format).
/// </summary>
public static class AlertsCommand
{
    public const string DefaultLog = "/var/log/nagios4/nagios.log";

    public static Command Create(InventorySource forSend, InventorySource forReport) =>
        new("alerts", "alert analytics: Nagios' alert log to StatsD counters, and reports of the chattiest checks")
        {
            Send("confgen alerts", forSend),
            Report(forReport),
        };

    /// <summary>
    /// The send subcommand under the program's own name. The report stays in confgen: its
    /// workaround table comes from rendering the templates, which needs the JIT.
    /// </summary>
    public static Command Send(string program, InventorySource inventory)
    {
        var log = LogOption();
        var archives = ArchivesOption();
        var state = new Option<string>("--state") { Description = "read position file (a lock file beside it keeps runs apart)", HelpName = "FILE", Required = true };
        var statsd = new Option<string>("--statsd") { Description = "StatsD to send to", HelpName = "HOST[:PORT]", DefaultValueFactory = _ => "127.0.0.1:8125" };
        var prefix = new Option<string>("--prefix") { Description = "first parts of every metric name", DefaultValueFactory = _ => MetricNames.DefaultPrefix };
        var soft = SoftOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "print the StatsD lines instead of sending them; the position is not saved" };
        var oldDir = new Option<string>("--olddir")
        {
            Description = "where logrotate puts its copies of the log (its olddir); copies beside the log are always looked for",
            HelpName = "DIR",
        };
        var command = new Command("send", "count the alerts logged since the last run and send them to StatsD")
        {
            log, archives, oldDir, state, statsd, prefix, soft, dryRun,
        };
        inventory.AddOptions(command);
        command.SetAction(parse => Guarded(program, parse, () =>
        {
            string logPath = parse.GetValue(log)!;
            string statePath = parse.GetValue(state)!;
            var files = new LogFiles(
                logPath, parse.GetValue(archives) ?? Archives.DefaultFolder(logPath), parse.GetValue(oldDir),
                Path.GetDirectoryName(Path.GetFullPath(statePath)) ?? "/");
            var options = new SendOptions(
                program, files, statePath, StatsDTarget.Parse(parse.GetValue(statsd)!), parse.GetValue(prefix)!, parse.GetValue(soft), parse.GetValue(dryRun));
            return SendRun.Execute(options, inventory.Load(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        }));
        return command;
    }

    private static Command Report(InventorySource inventory)
    {
        var log = LogOption();
        var archives = ArchivesOption();
        var since = new Option<string>("--since") { Description = "window start: an age (24h, 7d, 2w) or a UTC date/time", DefaultValueFactory = _ => "7d" };
        var until = new Option<string>("--until") { Description = "window end: an age or a UTC date/time (default: now)" };
        var top = new Option<int>("--top") { Description = "rows per table", DefaultValueFactory = _ => 10 };
        var soft = SoftOption();
        var command = new Command("report", "tables of the services, hosts and workarounds that alerted most in a time window")
        {
            log, archives, since, until, top, soft,
        };
        inventory.AddOptions(command);
        command.SetAction(parse => Guarded("confgen alerts", parse, () =>
        {
            string logPath = parse.GetValue(log)!;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            string? end = parse.GetValue(until);
            var options = new ReportOptions(
                logPath, parse.GetValue(archives) ?? Archives.DefaultFolder(logPath), WindowTime.Parse(parse.GetValue(since)!, now),
                end is null ? now : WindowTime.Parse(end, now), Math.Max(1, parse.GetValue(top)), parse.GetValue(soft));
            return ReportRun.Execute(options, inventory.Load(parse), parse.InvocationConfiguration.Output);
        }));
        return command;
    }

    private static Option<string> LogOption() =>
        new("--log") { Description = "the live log: nagios.log, or Icinga 2's compat icinga.log", HelpName = "FILE", DefaultValueFactory = _ => DefaultLog };

    private static Option<string> ArchivesOption() =>
        new("--archives") { Description = "folder of rotated logs (default: archives/ beside the log)", HelpName = "DIR" };

    private static Option<bool> SoftOption() =>
        new("--soft") { Description = "count SOFT alerts too (default: HARD only)" };

    /// <summary>
    /// Files that cannot be read, a damaged state file, a bad value: one line on standard error, exit 1.
    /// The program's entry chose the streams (a closed one is written to nowhere), so they come from the invocation.
    /// </summary>
    private static int Guarded(string program, ParseResult parse, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"{program}: {error.Message}");
            return ExitCodes.Error;
        }
    }
}
