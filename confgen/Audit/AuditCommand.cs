using System.CommandLine;
using System.Globalization;
using StackFsck.Alerts;
using StackFsck.Alerts.Reading;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Audit;

/// <summary>
/// `confgen audit`: the workarounds whose expiry date has passed and those whose root cause is not
/// diagnosed; with --log, also how often their event handlers ran (the handler lines of Nagios'
/// log) over the last 7 and 30 days, and those that ran more than --max-runs-per-week: a
/// workaround that runs that often is a bug to fix, not a fix.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var options = new RenderOptions();
        Option<DateOnly> today = new("--today")
        {
            Description = "the date to judge expiry by, and the last day of the log's windows (YYYY-MM-DD; default today, UTC)",
            DefaultValueFactory = _ => DateOnly.FromDateTime(DateTime.UtcNow),
        };
        Option<bool> all = new("--all") { Description = "list every workaround, not only expired, undiagnosed or too often run ones" };
        Option<string> log = new("--log") { Description = "Nagios' log (nagios.log): count each workaround's event handler runs", HelpName = "NAGIOS_LOG" };
        Option<string> archives = new("--archives") { Description = "folder of rotated logs (default: archives/ beside the log)", HelpName = "DIR" };
        Option<int> maxRuns = new("--max-runs-per-week") { Description = "flag workarounds whose handlers ran more often in the last 7 days", HelpName = "N", DefaultValueFactory = _ => 3 };
        var command = new Command("audit", "list expired, undiagnosed and too often run workarounds (services with _WORKAROUND_URL)");
        options.AddTo(command);
        command.Options.Add(today);
        command.Options.Add(all);
        command.Options.Add(log);
        command.Options.Add(archives);
        command.Options.Add(maxRuns);
        command.SetAction(parse =>
        {
            DateOnly day = parse.GetValue(today);
            HandlerRuns? runs = parse.GetValue(log) is { } logPath
                ? HandlerRuns.Read(logPath, parse.GetValue(archives) ?? Archives.DefaultFolder(logPath), new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
                : null;
            int listed = 0;
            foreach (Workaround workaround in options.Build(parse).Workarounds())
            {
                bool expired = workaround.ExpiredOn(day);
                long week = runs?.Week.GetValueOrDefault(workaround.Service) ?? 0;
                bool tooOften = week > parse.GetValue(maxRuns);
                if (!expired && workaround.Diagnosed && !tooOften && !parse.GetValue(all))
                {
                    continue;
                }

                listed++;
                string state = string.Join(',', new[] { expired ? "expired" : "current", workaround.Diagnosed ? "diagnosed" : "undiagnosed" }
                    .Concat(tooOften ? ["runs-too-often"] : []));
                string counted = runs is null ? "" : $" runs_7d={week} runs_30d={runs.Month.GetValueOrDefault(workaround.Service)}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{state} {workaround.Service} expires={workaround.Expires:yyyy-MM-dd}{counted} {workaround.Link} on {string.Join(' ', workaround.Where)}"));
            }

            Console.WriteLine($"{listed} workaround(s) listed");
            return 0;
        });
        return command;
    }
}
