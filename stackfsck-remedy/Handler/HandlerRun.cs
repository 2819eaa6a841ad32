using StackFsck.Alerts;
using StackFsck.Alerts.Reading;
using StackFsck.Remedy.Bookkeeping;
using StackFsck.Remedy.Running;

namespace StackFsck.Remedy.Handler;

/// <summary>
/// One event handler run: act only on the wanted transition; refuse an expired workaround (count
/// it, run nothing); take the lock of the host and service (one run at a time each); run the
/// diagnostics, then the remedy, each under its deadline, their output kept in the run's folder;
/// journal the run and count its outcome. The diagnostics' exit code is kept, not judged: a
/// diagnostic is often a check that exits 2 because the problem is there.
/// </summary>
public static class HandlerRun
{
    public static int Execute(HandlerRequest request, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        string program = RemedyCli.Program;
        if (!request.Transition.Wanted(request.ActOn, request.OnSoftAttempt))
        {
            stdout.WriteLine($"{program}: {request.Subject} {request.Transition}: nothing to do (acts on {Transition.Describe(request.ActOn, request.OnSoftAttempt)})");
            return RemedyExit.Done;
        }

        string tracker = Workaround.TrackerOf(request.TrackerUrl);
        if (request.Expires < DateOnly.FromDateTime(now.UtcDateTime))
        {
            string why = $"workaround {tracker} expired on {request.Expires:yyyy-MM-dd}";
            Record(request, now, tracker, WorkaroundCounters.RefusedExpired, why, [], stderr);
            stdout.WriteLine($"{program}: {request.Subject} {request.Transition}: refused: {why}; nothing run (fix the bug in {request.TrackerUrl}, or renew _WORKAROUND_EXPIRES)");
            return RemedyExit.Refused;
        }

        string locks = Path.Combine(request.OutputDir, "locks");
        Directory.CreateDirectory(locks);
        string lockName = FileName.Of(request.Host) + (request.Service is null ? "" : "," + FileName.Of(request.Service));
        using RunLock? held = RunLock.TryAcquire(Path.Combine(locks, lockName + ".lock"), out int? holder);
        if (held is null)
        {
            string why = $"another run (pid {holder?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}) is under way";
            Record(request, now, tracker, "busy", why, [], stderr);
            stdout.WriteLine($"{program}: {request.Subject} {request.Transition}: {why}; nothing run");
            return RemedyExit.Refused;
        }

        string folder = RunFolder.Create(request.OutputDir, tracker, now, request.Subject, request.Keep);
        string diagnosePath = Path.Combine(folder, "diagnose.out");
        string remedyPath = Path.Combine(folder, "remedy.out");
        CommandOutcome diagnosed = ShellCommand.Run(request.Diagnose, request.DiagnoseTimeout, diagnosePath);
        CommandOutcome remedied = ShellCommand.Run(request.Remedy, request.RemedyTimeout, remedyPath);
        string counter = remedied.Succeeded ? WorkaroundCounters.Executed : WorkaroundCounters.Failed;
        string detail = $"diagnostics {diagnosed}; remedy {remedied}";
        Record(request, now, tracker, counter, detail, [diagnosePath, remedyPath], stderr);
        stdout.WriteLine($"{program}: {request.Subject} {request.Transition}: workaround {tracker} {counter}: {detail}; output in {folder}");
        return remedied.Succeeded ? RemedyExit.Done : RemedyExit.Failed;
    }

    /// <summary>The journal line of a run, and its counter (a busy run has none: nothing ran, nothing was refused).</summary>
    private static void Record(HandlerRequest request, DateTimeOffset now, string tracker, string outcome, string detail, IReadOnlyList<string> files, TextWriter stderr)
    {
        var facts = new List<KeyValuePair<string, string>>
        {
            new("tracker", tracker),
            new("url", request.TrackerUrl),
            new("host", request.Host),
        };
        if (request.Service is not null)
        {
            facts.Add(new("service", request.Service));
        }

        facts.Add(new("transition", request.Transition.ToString()));
        facts.Add(new("detail", detail));
        Journal.Append(request.Journal, new JournalEntry(now, "handler", outcome, facts, files));
        if (outcome is WorkaroundCounters.Executed or WorkaroundCounters.Failed or WorkaroundCounters.RefusedExpired)
        {
            WorkaroundCounters.Count(request.StatsD, request.Prefix, request.Environment, request.Cell, tracker, outcome, stderr);
        }
    }
}
