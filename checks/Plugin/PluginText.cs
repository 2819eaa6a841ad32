using System.Text;

namespace StackFsck.Plugin;

/// <summary>
/// Lays out plugin output: <c>SERVICE STATE - summary | perfdata</c>, then long output lines,
/// then any further perfdata after a <c>|</c> on its own line, as Nagios 3+ reads it.
/// </summary>
public static class PluginText
{
    public static string Render(
        string service,
        Status status,
        string summary,
        IEnumerable<Metric> metrics,
        IEnumerable<string> details,
        IEnumerable<Metric> detailMetrics)
    {
        var text = new StringBuilder(1024); // one block for most outputs: growing block by block allocated each anew
        text.Append(service).Append(' ').Append(status.Word()).Append(" - ").Append(Clean(summary));
        string perfdata = Perfdata.Format(metrics);
        if (perfdata.Length > 0)
        {
            text.Append(" | ").Append(perfdata);
        }

        text.Append('\n');
        foreach (string line in details)
        {
            text.Append(Clean(line)).Append('\n');
        }

        string more = Perfdata.Format(detailMetrics);
        if (more.Length > 0)
        {
            text.Append("| ").Append(more).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One line for a run that could not measure anything.</summary>
    public static string Failure(string service, Status status, string message) =>
        Render(service, status, message, [], [], []);

    /// <summary>Text from the user or a server with control characters shown as <c>?</c>, so a message stays one clean line.</summary>
    public static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));

    /// <summary>Free text never carries a <c>|</c> (it would start perfdata) nor a line break.</summary>
    public static string Clean(string text) =>
        text.Replace('|', '/').Replace('\r', ' ').Replace('\n', ' ');
}
