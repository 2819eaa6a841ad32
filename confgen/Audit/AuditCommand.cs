using System.CommandLine;
using System.Globalization;
using StackFsck.Alerts;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Audit;

/// <summary>`confgen audit`: the workarounds whose expiry date has passed and those whose root cause is not diagnosed.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var options = new RenderOptions();
        Option<DateOnly> today = new("--today")
        {
            Description = "the date to judge expiry by (YYYY-MM-DD; default today, UTC)",
            DefaultValueFactory = _ => DateOnly.FromDateTime(DateTime.UtcNow),
        };
        Option<bool> all = new("--all") { Description = "list every workaround, not only expired or undiagnosed ones" };
        var command = new Command("audit", "list expired and undiagnosed workarounds (services with _WORKAROUND_URL)");
        options.AddTo(command);
        command.Options.Add(today);
        command.Options.Add(all);
        command.SetAction(parse =>
        {
            DateOnly day = parse.GetValue(today);
            int listed = 0;
            foreach (Workaround workaround in options.Build(parse).Workarounds())
            {
                bool expired = workaround.ExpiredOn(day);
                if (!expired && workaround.Diagnosed && !parse.GetValue(all))
                {
                    continue;
                }

                listed++;
                string state = string.Join(',', new[] { expired ? "expired" : "current", workaround.Diagnosed ? "diagnosed" : "undiagnosed" });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{state} {workaround.Service} expires={workaround.Expires:yyyy-MM-dd} {workaround.Link} on {string.Join(' ', workaround.Where)}"));
            }

            Console.WriteLine($"{listed} workaround(s) listed");
            return 0;
        });
        return command;
    }
}
