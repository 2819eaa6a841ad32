using System.Globalization;

namespace StackFsck.Plugin;

/// <summary>Performance data in the Nagios format <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>.</summary>
public static class Perfdata
{
    private static readonly HashSet<string> Units = ["", "s", "ms", "us", "%", "B", "KB", "MB", "GB", "TB", "c"];

    public static string Format(Metric metric)
    {
        if (!Units.Contains(metric.Unit))
        {
            throw new ArgumentException($"'{metric.Unit}' is not a Nagios perfdata unit", nameof(metric));
        }

        string value = metric.Value is double v ? Number(v) : "U";
        string[] fields =
        [
            Label(metric.Label) + "=" + value + (metric.Value is null ? "" : metric.Unit),
            metric.Threshold?.Warning?.Text ?? "",
            metric.Threshold?.Critical?.Text ?? "",
            metric.Min is double min ? Number(min) : "",
            metric.Max is double max ? Number(max) : "",
        ];
        return string.Join(';', fields).TrimEnd(';');
    }

    public static string Format(IEnumerable<Metric> metrics) => string.Join(' ', metrics.Select(Format));

    /// <summary>
    /// A label safe for every perfdata parser: <c>=</c> and <c>'</c> (which would end the label)
    /// and <c>|</c> (which would end the plugin text) become <c>_</c>; a label with a space is quoted.
    /// </summary>
    public static string Label(string label)
    {
        string clean = label.Replace('=', '_').Replace('\'', '_').Replace('|', '_');
        return clean.Contains(' ') ? "'" + clean + "'" : clean;
    }

    /// <summary>A plain decimal number: invariant culture, never an exponent, at most 6 decimals.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "U";
        }

        return Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
    }
}
