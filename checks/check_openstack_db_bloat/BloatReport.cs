using System.Globalization;
using StackFsck.Plugin;

namespace StackFsck.Checks.DbBloat;

/// <summary>Judges each database's soft-deleted rows, shadow rows and size, and words the worst tables with their cleanup commands.</summary>
internal static class BloatReport
{
    public sealed record Limits(Thresholds Deleted, Thresholds Shadow, Thresholds Size);

    public sealed record Settings(bool Fast, int? OlderThan, int List, DateTime Now);

    public static Report Build(IReadOnlyList<DatabaseBloat> found, Settings settings, Limits limits)
    {
        var report = new Report(BloatCheck.Definition.Service) { OkSummary = Summary(found, settings) };
        foreach (DatabaseBloat database in found)
        {
            AddMetrics(report, database, settings, limits);
        }

        if (settings.Fast)
        {
            report.Detail("fast mode: row figures are InnoDB estimates from information_schema; soft-deleted rows are counted only in exact mode");
        }

        foreach (DatabaseBloat database in found)
        {
            Describe(report, database, settings);
        }

        WorstTables(report, found, settings);
        return report;
    }

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
        return $"{found.Sum(d => d.Deleted ?? 0)} soft-deleted rows{Age(settings)}, {shadow} shadow rows, {size}; most in {most.Database.Name} ({most.Deleted})";
    }

    private static void AddMetrics(Report report, DatabaseBloat database, Settings settings, Limits limits)
    {
        string name = database.Database.Name;
        if (!settings.Fast)
        {
            report.Add(new Metric($"{name}_deleted", database.Deleted, Thresholds: limits.Deleted, Min: 0,
                Text: $"{name} holds {database.Deleted} soft-deleted rows{Age(settings)}"));
            report.Add(new Metric($"{name}_live", database.Live, Min: 0));
        }

        if (database.HasShadow)
        {
            report.Add(new Metric($"{name}_shadow", database.Shadow, Thresholds: limits.Shadow, Min: 0,
                Text: $"{name} holds {(settings.Fast ? "about " : "")}{database.Shadow} shadow rows{Age(settings)}"));
        }

        report.Add(new Metric($"{name}_size", Mb(database.TotalBytes), "MB", limits.Size, Min: 0,
            Text: $"{name} takes {Mb(database.TotalBytes)} MB"));
    }

    private static void Describe(Report report, DatabaseBloat database, Settings settings)
    {
        ServiceDatabase db = database.Database;
        string oldest = database.OldestDeleted is DateTime when ? $", oldest deleted {Date(when)}" : "";
        string rows = settings.Fast
            ? $"{database.SoftDeleteTables.Count()} soft-delete tables"
            : $"{database.Deleted} soft-deleted rows{Age(settings)} in {database.SoftDeleteTables.Count(t => t.Counted > 0)} of {database.SoftDeleteTables.Count()} soft-delete tables, {database.Live} live rows{oldest}";
        string shadow = database.HasShadow ? $", {(settings.Fast ? "about " : "")}{database.Shadow} shadow rows" : "";
        report.Detail($"{db.Name} ({db.Service.Word()}): {rows}{shadow}, {Mb(database.TotalBytes)} MB");
        string? cleanup = Cleanup.SoftDeleted(db.Service, settings.OlderThan, settings.Now);
        if (cleanup is not null && (settings.Fast || database.Deleted > 0))
        {
            report.Detail($"  clean up: {cleanup}");
        }

        string? purge = Cleanup.Shadow(db.Service, settings.OlderThan, settings.Now);
        if (purge is not null && database.Shadow > 0)
        {
            report.Detail($"  then purge the shadow tables: {purge}");
        }

        if (cleanup is null && !database.SoftDeleteTables.Any())
        {
            report.Detail($"  {db.Service.Word()} deletes rows outright: no soft-deleted rows to purge");
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
            report.Detail(settings.Fast ? "largest tables:" : "tables with the most rows to purge:");
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
        return $"{count.Table.FullName}: {count.Counted} soft-deleted{Age(settings)} of {count.Rows} rows{oldest}, {size}";
    }

    private static string Age(Settings settings) => settings.OlderThan is int days ? $" older than {days} days" : "";

    private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

    private static string Date(DateTime when) => when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
