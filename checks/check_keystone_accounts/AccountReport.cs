using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.Keystone;

/// <summary>Counts the users per reason Keystone refuses them (each user once), judges the counts, and lists the users (service accounts first).</summary>
internal static class AccountReport
{
    private static readonly Threshold Locked = Threshold.Named("locked", "users locked out now", "0");
    private static readonly Threshold Expired = Threshold.Named("expired", "users whose password has expired");
    private static readonly Threshold Expiring = Threshold.Named("expiring", "users whose password expires within --expiring-days");
    private static readonly Threshold Inactive = Threshold.Named("inactive", "users disabled for inactivity");
    private static readonly Threshold Disabling = Threshold.Named("disabling", "users disabled for inactivity within --expiring-days");
    private static readonly Threshold Service = Threshold.Named("service", "service accounts with any of these problems", critical: "0");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options =>
        [.. Locked.Options, .. Expired.Options, .. Expiring.Options, .. Inactive.Options, .. Disabling.Options, .. Service.Options];

    public static Report Build(List<AccountFinding> found, AccountRules rules, CheckContext context, int list, string? format)
    {
        int Count(AccountProblem problem) => found.Count(f => f.Problem == problem);
        int service = found.Count(f => f.Service);
        var report = new Report()
        {
            OkSummary = found.Count == 0
                ? "no user locked out, expired or (about to be) disabled"
                : $"{Count(AccountProblem.Locked)} locked, {Count(AccountProblem.Expired)} expired, {Count(AccountProblem.Expiring)} expiring, "
                    + $"{Count(AccountProblem.Inactive)} inactive, {Count(AccountProblem.Disabling)} to be disabled; {service} service accounts",
        };
        report
            .Add(Metric("locked", Count(AccountProblem.Locked), context.Get(Locked), "users locked out", rules.LockoutAttempts is null))
            .Add(Metric("expired", Count(AccountProblem.Expired), context.Get(Expired), "users with an expired password", false))
            .Add(Metric("expiring", Count(AccountProblem.Expiring), context.Get(Expiring), $"passwords expire within {rules.ExpiringDays} days", false))
            .Add(Metric("inactive", Count(AccountProblem.Inactive), context.Get(Inactive), "users disabled for inactivity", rules.InactiveDays is null))
            .Add(Metric("disabling", Count(AccountProblem.Disabling), context.Get(Disabling), $"users disabled for inactivity within {rules.ExpiringDays} days", rules.InactiveDays is null))
            .Add(Metric("service", service, context.Get(Service), "service accounts locked, expired or (about to be) disabled", false));

        List<AccountFinding> ordered = [.. found.OrderByDescending(f => f.Service).ThenBy(f => f.Problem).ThenBy(f => f.When).ThenBy(f => f.User, StringComparer.Ordinal)];
        foreach (string line in format switch { "csv" => Csv(ordered), "table" => Table(ordered), _ => Lines(ordered, list) })
        {
            report.Detail(line);
        }

        return report;
    }

    /// <summary>A category that is not checked (its Keystone option not given) reports U, not a reassuring 0.</summary>
    private static Metric Metric(string label, int count, Threshold threshold, string what, bool notChecked) =>
        new(label, notChecked ? null : count, Threshold: threshold, Min: 0, Text: $"{count} {what}");

    private static IEnumerable<string> Lines(List<AccountFinding> ordered, int list)
    {
        foreach (AccountFinding f in ordered.Take(list))
        {
            yield return $"{f.User} ({f.Domain}){(f.Service ? " [service account]" : "")}: {Word(f.Problem)}, {f.Detail}";
        }

        if (ordered.Count > list)
        {
            yield return $"... and {ordered.Count - list} more (--report table lists all)";
        }
    }

    private static IEnumerable<string> Csv(List<AccountFinding> ordered) =>
        ordered.Select(f => string.Join(',', new[] { f.User, f.Domain, f.Service ? "yes" : "no", Word(f.Problem), KeystoneVerdict.Time(f.When), f.Detail }.Select(CsvField)))
            .Prepend("user,domain,service,problem,when,detail");

    private static IEnumerable<string> Table(List<AccountFinding> ordered)
    {
        string[][] rows =
        [
            ["USER", "DOMAIN", "SERVICE", "PROBLEM", "WHEN", "DETAIL"],
            .. ordered.Select(f => new[] { f.User, f.Domain, f.Service ? "yes" : "no", Word(f.Problem), KeystoneVerdict.Time(f.When), f.Detail }),
        ];
        int[] widths = [.. Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length))];
        return rows.Select(r => string.Join("  ", r.Take(5).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + r[5]);
    }

    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static string Word(AccountProblem problem) => problem switch
    {
        AccountProblem.Locked => "locked out",
        AccountProblem.Expired => "password expired",
        AccountProblem.Expiring => "password expiring",
        AccountProblem.Inactive => "disabled (inactive)",
        _ => "to be disabled (inactive)",
    };
}
