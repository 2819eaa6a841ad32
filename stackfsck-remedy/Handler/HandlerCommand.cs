using System.CommandLine;
using System.Globalization;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Remedy.Handler;

/// <summary>
/// <c>stackfsck-remedy handler</c>: the arguments Nagios' event handler passes (confgen renders
/// the command: state macros, host, service, the host's _ENVIRONMENT and _CELL, the service's
/// _WORKAROUND_* variables) and the settings of the bookkeeping.
/// </summary>
public static class HandlerCommand
{
    public const string DefaultOutputDir = "/var/lib/stackfsck-remedy";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        Option<string> state = new("--state") { Description = "the state ($SERVICESTATE$ or $HOSTSTATE$)", HelpName = "STATE", Required = true };
        Option<string> stateType = new("--state-type") { Description = "SOFT or HARD ($SERVICESTATETYPE$)", HelpName = "TYPE", Required = true };
        Option<int> attempt = new("--attempt") { Description = "the check attempt ($SERVICEATTEMPT$)", HelpName = "N", Required = true };
        Option<string> host = new("--host") { Description = "the host ($HOSTNAME$)", HelpName = "HOST", Required = true };
        Option<string> service = new("--service") { Description = "the service ($SERVICEDESC$); without it, a host's handler", HelpName = "SERVICE" };
        Option<string> environment = new("--environment") { Description = "the host's environment ($_HOSTENVIRONMENT$), a metric name part", HelpName = "ENV", Required = true };
        Option<string> cell = new("--cell") { Description = "the host's cell or scope ($_HOSTCELL$), a metric name part", HelpName = "CELL", Required = true };
        Option<string> tracker = new("--tracker") { Description = "the workaround's tracker link ($_SERVICEWORKAROUND_URL$); its last path element names the metrics and the output folder", HelpName = "URL", Required = true };
        Option<string> expires = new("--expires") { Description = "the workaround's last day, YYYY-MM-DD ($_SERVICEWORKAROUND_EXPIRES$); after it nothing runs", HelpName = "DATE", Required = true };
        Option<string> diagnose = new("--diagnose") { Description = "the diagnostics' command line (run by /bin/sh first; its output is kept)", HelpName = "COMMAND", Required = true };
        Option<string> remedy = new("--remedy") { Description = "the remedy's command line (run by /bin/sh after the diagnostics; exit 0 is success)", HelpName = "COMMAND", Required = true };
        Option<string[]> actOn = new("--act-on") { Description = "states to act on (repeatable; default CRITICAL, DOWN for a host)", HelpName = "STATE" };
        Option<int?> onSoftAttempt = new("--on-soft-attempt") { Description = "act early too, at this SOFT attempt", HelpName = "N" };
        Option<double> diagnoseTimeout = new("--diagnose-timeout") { Description = "seconds the diagnostics may take before they are killed", HelpName = "SECONDS", DefaultValueFactory = _ => 10 };
        Option<double> remedyTimeout = new("--remedy-timeout") { Description = "seconds the remedy may take before it is killed (both stay below Nagios' event_handler_timeout, 30 s)", HelpName = "SECONDS", DefaultValueFactory = _ => 15 };
        Option<string> outputDir = new("--output-dir") { Description = "where each run's output is kept, a folder per tracker id, and the locks", HelpName = "DIR", DefaultValueFactory = _ => DefaultOutputDir };
        Option<int> keep = new("--keep") { Description = "runs kept per tracker id; older run folders are removed", HelpName = "N", DefaultValueFactory = _ => 20 };
        Option<string> journal = new("--journal") { Description = "journal file, one JSON line per run (default: journal.jsonl in the output folder)", HelpName = "FILE" };
        Option<string> statsd = new("--statsd") { Description = "StatsD to count runs in", HelpName = "HOST[:PORT]", DefaultValueFactory = _ => "127.0.0.1:8125" };
        Option<string> prefix = new("--prefix") { Description = "first parts of every metric name", HelpName = "PREFIX", DefaultValueFactory = _ => MetricNames.DefaultPrefix };
        var command = new Command("handler", "run a workaround for the state change Nagios reports: diagnostics first, then the remedy; refuses expired workarounds")
        {
            state, stateType, attempt, host, service, environment, cell, tracker, expires, diagnose, remedy,
            actOn, onSoftAttempt, diagnoseTimeout, remedyTimeout, outputDir, keep, journal, statsd, prefix,
        };
        command.SetAction(parse =>
        {
            string? serviceName = parse.GetValue(service);
            string dir = parse.GetValue(outputDir)!;
            var request = new HandlerRequest(
                ReadTransition(parse.GetValue(state)!, parse.GetValue(stateType)!, parse.GetValue(attempt), serviceName is not null),
                ReadStates(parse.GetValue(actOn), serviceName is not null),
                parse.GetValue(onSoftAttempt) is int n ? Positive("--on-soft-attempt", n) : null,
                NonEmpty("--host", parse.GetValue(host)!),
                serviceName is null ? null : NonEmpty("--service", serviceName),
                NonEmpty("--environment", parse.GetValue(environment)!),
                NonEmpty("--cell", parse.GetValue(cell)!),
                NonEmpty("--tracker", parse.GetValue(tracker)!),
                ReadDate("--expires", parse.GetValue(expires)!),
                NonEmpty("--diagnose", parse.GetValue(diagnose)!),
                NonEmpty("--remedy", parse.GetValue(remedy)!),
                Seconds("--diagnose-timeout", parse.GetValue(diagnoseTimeout)),
                Seconds("--remedy-timeout", parse.GetValue(remedyTimeout)),
                dir,
                Positive("--keep", parse.GetValue(keep)),
                parse.GetValue(journal) ?? Path.Combine(dir, "journal.jsonl"),
                Target(parse.GetValue(statsd)!),
                parse.GetValue(prefix)!);
            return HandlerRun.Execute(request, DateTimeOffset.UtcNow, stdout, stderr);
        });
        return command;
    }

    private static Transition ReadTransition(string state, string type, int attempt, bool isService)
    {
        string[] states = isService ? Transition.ServiceStates : Transition.HostStates;
        return !states.Contains(state)
            ? throw new UsageException($"--state: '{state}' is not a {(isService ? "service" : "host")} state ({string.Join(", ", states)})")
            : type is not ("SOFT" or "HARD")
            ? throw new UsageException($"--state-type: '{type}' is neither SOFT nor HARD")
            : new Transition(state, type, Positive("--attempt", attempt));
    }

    private static string[] ReadStates(string[]? given, bool isService)
    {
        string[] states = isService ? Transition.ServiceStates : Transition.HostStates;
        string[] actOn = given is { Length: > 0 } ? given : [isService ? "CRITICAL" : "DOWN"];
        return actOn.FirstOrDefault(state => !states.Contains(state)) is string bad
            ? throw new UsageException($"--act-on: '{bad}' is not a {(isService ? "service" : "host")} state ({string.Join(", ", states)})")
            : actOn;
    }

    private static DateOnly ReadDate(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw new UsageException($"{option}: '{text}' is not a date YYYY-MM-DD (is the service's _WORKAROUND_EXPIRES set?)");

    private static string NonEmpty(string option, string text) =>
        text.Trim().Length > 0 ? text : throw new UsageException($"{option} is empty (is the custom variable it comes from set?)");

    internal static int Positive(string option, int value) =>
        value >= 1 ? value : throw new UsageException($"{option}: {value} is out of range: give 1 or more");

    internal static TimeSpan Seconds(string option, double value) =>
        value is > 0 and <= 86400 ? TimeSpan.FromSeconds(value) : throw new UsageException($"{option}: {value} is out of range: give above 0 and up to 86400");

    private static StatsDTarget Target(string text)
    {
        try
        {
            return StatsDTarget.Parse(text);
        }
        catch (FormatException error)
        {
            throw new UsageException($"--statsd: {error.Message}");
        }
    }
}
