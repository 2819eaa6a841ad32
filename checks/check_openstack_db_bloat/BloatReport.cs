using System.Globalization;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.DbBloat;

/// <summary>Judges each database's rows to clean up, shadow rows and size, and words the cleanup commands and the worst tables.</summary>
internal static class BloatReport
{
    private static readonly Threshold Deleted = Threshold.Main("rows the printed cleanup removes (Nova: archives) per database (exact mode)");

    private static readonly Threshold Shadow = Threshold.Named("shadow", "rows in Nova's shadow_* tables that its purge removes (older than --older-than) per database");

    private static readonly Threshold Size = Threshold.Named("size", "data plus index size per database, in MB");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options => [.. Deleted.Options, .. Shadow.Options, .. Size.Options];

    public sealed record Settings(bool Fast, Cutoff Cutoff, int List, IReadOnlyDictionary<OpenStackService, string> ConfigFiles);

    public static Report Build(IReadOnlyList<DatabaseBloat> found, Settings settings, CheckContext context)
    {
        var report = new Report() { OkSummary = Summary(found, settings) };
        foreach (DatabaseBloat database in found)
        {
            AddMetrics(report, database, settings, context);
        }

        if (settings.Fast)
        {
            report.Detail("fast mode: row figures are InnoDB estimates from information_schema; soft-deleted rows are counted only in exact mode");
        }

        foreach (DatabaseBloat database in found)
        {
            Describe(report, database, settings);
        }

        Commands(report, found, settings);
        WorstTables(report, found, settings);
        return report;
    }

    /// <summary>Whether -w or -c judges the rows to clean up, which only exact mode counts.</summary>
    public static bool JudgesDeleted(CheckContext context) => context.Get(Deleted).HasRange;

    private static string Summary(IReadOnlyList<DatabaseBloat> found, Settings settings)
    {
        string size = $"{Mb(found.Sum(d => d.TotalBytes))} MB in {found.Count} database{(found.Count == 1 ? "" : "s")}";
        long shadow = found.Sum(d => d.Shadow);
        if (settings.Fast)
        {
            DatabaseBloat largest = found.MaxBy(d => d.TotalBytes)!;
            return $"fast mode (table statistics): {size}, about {shadow} shadow rows; largest {largest.Database.Name} with {Mb(largest.TotalBytes)} MB";
        }

        DatabaseBloat most = found.MaxBy(d => d.Deleted ?? 0)!;
        return $"{found.Sum(d => d.Deleted ?? 0)} rows to clean up{Age(settings)}, {shadow} shadow rows, {size}; most in {most.Database.Name} ({most.Deleted})";
    }

    private static void AddMetrics(Report report, DatabaseBloat database, Settings settings, CheckContext context)
    {
        string name = database.Database.Name;
        if (!settings.Fast)
        {
            report.Add(new Metric($"{name}_deleted", database.Deleted, Threshold: context.Get(Deleted), Min: 0,
                Text: $"{name} holds {database.Deleted} rows to clean up{Age(settings)}"));
            report.Add(new Metric($"{name}_live", database.Live, Min: 0));
        }

        if (database.HasShadow)
        {
            report.Add(new Metric($"{name}_shadow", database.Shadow, Threshold: context.Get(Shadow), Min: 0,
                Text: $"{name} holds {(settings.Fast ? "about " : "")}{database.Shadow} shadow rows{Age(settings)}"));
        }

        report.Add(new Metric($"{name}_size", Mb(database.TotalBytes), "MB", context.Get(Size), Min: 0,
            Text: $"{name} takes {Mb(database.TotalBytes)} MB"));
    }

    private static void Describe(Report report, DatabaseBloat database, Settings settings)
    {
        ServiceDatabase db = database.Database;
        string oldest = database.OldestDeleted is DateTime when ? $", oldest deleted {Date(when)}" : "";
        string rows = settings.Fast
            ? $"{database.SoftDeleteTables.Count()} soft-delete tables"
            : $"{database.Deleted} rows to clean up{Age(settings)} in {database.Tables.Count(t => !t.Table.IsShadow && t.Counted > 0)} tables, {database.Live} live rows in {database.SoftDeleteTables.Count()} soft-delete tables{oldest}";
        string shadow = database.HasShadow ? $", {(settings.Fast ? "about " : "")}{database.Shadow} shadow rows{Age(settings)}" : "";
        report.Detail($"{db.Name} ({db.Service.Word()}): {rows}{shadow}, {Mb(database.TotalBytes)} MB");
        if (!settings.Fast && database.Untouched.Any() && Cleanup.Exists(db.Service))
        {
            report.Detail($"  {database.Untouched.Sum(t => t.Deleted)} soft-deleted rows that no {db.Service.Word()} command removes, in {string.Join(", ", database.Untouched.Select(t => t.Table.Name))}");
        }

        if (!database.SoftDeleteTables.Any() && !Cleanup.Exists(db.Service))
        {
            report.Detail($"  {db.Service.Word()} deletes rows outright: no soft-deleted rows to purge");
        }
    }

    /// <summary>
    /// The commands, each on a line of its own that pastes into a shell as it is. One nova-manage
    /// pair serves every Nova cell (--all-cells); each other database has its own.
    /// </summary>
    private static void Commands(Report report, IReadOnlyList<DatabaseBloat> found, Settings settings)
    {
        var groups = found.GroupBy(d => d.Database.Service == OpenStackService.Nova ? "nova" : d.Database.Name)
            .Select(g => g.ToList())
            .Where(g => Cleanup.Exists(g[0].Database.Service))
            .ToList();
        var lines = new List<string>();
        foreach (List<DatabaseBloat> group in groups)
        {
            OpenStackService service = group[0].Database.Service;
            string[] commands = Cleanup.Commands(service, settings.Cutoff, settings.ConfigFiles.GetValueOrDefault(service));
            string names = string.Join(", ", group.Select(d => d.Database.Name));
            string where = service == OpenStackService.Nova ? $"{names} (nova, every cell)" : $"{names} ({service.Word()})";
            bool first = true;
            for (int step = 0; step < commands.Length; step++)
            {
                long? rows = settings.Fast ? null : group.Sum(d => d.StepRows(step));
                if (rows == 0)
                {
                    continue;
                }

                string what = Cleanup.Describe(service, step, rows, settings.Fast ? null : group.Sum(d => d.Shadow));
                lines.Add($"  {(first ? where + ": " : "then ")}{what}:");
                lines.Add($"    {commands[step]}");
                first = false;
            }
        }

        if (lines.Count > 0)
        {
            report.Detail($"clean up, in this order{Cut(settings)}:");
            lines.ForEach(line => report.Detail(line));
        }
    }

    private static void WorstTables(Report report, IReadOnlyList<DatabaseBloat> found, Settings settings)
    {
        IEnumerable<TableCount> tables = found.SelectMany(d => d.Tables);
        List<TableCount> worst = (settings.Fast
                ? tables.OrderByDescending(t => t.Table.Bytes)
                : tables.Where(t => t.Counted > 0).OrderByDescending(t => t.Counted))
            .ThenBy(t => t.Table.FullName, StringComparer.Ordinal)
            .Take(settings.List)
            .ToList();
        if (worst.Count > 0)
        {
            report.Detail(settings.Fast ? "largest tables:" : "tables with the most rows to clean up:");
        }

        foreach (TableCount table in worst)
        {
            report.Detail("  " + Line(table, settings));
        }
    }

    private static string Line(TableCount count, Settings settings)
    {
        string size = $"{Mb(count.Table.Bytes)} MB";
        if (settings.Fast)
        {
            return $"{count.Table.FullName}: about {count.Rows} rows{(count.Table.IsShadow ? " (shadow)" : "")}, {size}";
        }

        if (count.Table.IsShadow)
        {
            return $"{count.Table.FullName}: {count.Counted} shadow rows{Age(settings)} of {count.Rows}, {size}";
        }

        string oldest = count.OldestDeleted is DateTime when ? $", oldest deleted {Date(when)}" : "";
        string counted = count.Counted == count.Deleted ? $"soft-deleted{Age(settings)}" : $"to clean up{Age(settings)} ({count.Deleted} soft-deleted in all)";
        return $"{count.Table.FullName}: {count.Counted} {counted} of {count.Rows} rows{oldest}, {size}";
    }

    private static string Age(Settings settings) => settings.Cutoff.Days is int days ? $" older than {days} days" : "";

    private static string Cut(Settings settings) => settings.Cutoff.Before is DateTime before
        ? $" (rows deleted before {Cutoff.Printed(before)} UTC)"
        : "";

    private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

    private static string Date(DateTime when) => when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
