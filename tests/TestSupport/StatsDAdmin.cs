using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace StackFsck.Tests;

/// <summary>The management console of the StatsD daemon tests/run started: its <c>counters</c> command.</summary>
public static partial class StatsDAdmin
{
    public static string Target => $"127.0.0.1:{Repo.Service("STACKFSCK_STATSD_PORT")}";

    /// <summary>The counters whose names start with <paramref name="prefix"/>, as StatsD holds them now.</summary>
    public static Dictionary<string, long> Counters(string prefix)
    {
        using var client = new TcpClient("127.0.0.1", int.Parse(Repo.Service("STACKFSCK_STATSD_ADMIN_PORT"), CultureInfo.InvariantCulture));
        using NetworkStream stream = client.GetStream();
        stream.Write("counters\n"u8);
        var text = new StringBuilder();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        for (string? line = reader.ReadLine(); line is not null && line != "END"; line = reader.ReadLine())
        {
            text.AppendLine(line);
        }

        // util.inspect of a JS object: { 'a.b': 1, c: 2 }, over one or many lines.
        return Entry().Matches(text.ToString())
            .Where(m => m.Groups["name"].Value.StartsWith(prefix + ".", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups["name"].Value, m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Waits (UDP is delivered asynchronously) until the counters under a prefix add up to <paramref name="total"/>, or 10 s pass.</summary>
    public static Dictionary<string, long> CountersOnceTotalIs(string prefix, long total)
    {
        Dictionary<string, long> counters = Counters(prefix);
        for (int i = 0; i < 100 && EventTotal(counters) < total; i++)
        {
            Thread.Sleep(100);
            counters = Counters(prefix);
        }

        return counters;
    }

    /// <summary>The sum of the event counters (the reader's own line counters left out).</summary>
    public static long EventTotal(Dictionary<string, long> counters) =>
        counters.Where(c => !c.Key.Contains(".alerts_reader.", StringComparison.Ordinal)).Sum(c => c.Value);

    [GeneratedRegex(@"'?(?<name>[A-Za-z0-9_.\-]+)'?: (?<value>\d+)")]
    private static partial Regex Entry();
}
