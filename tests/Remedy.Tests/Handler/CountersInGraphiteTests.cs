using System.Globalization;

namespace StackFsck.Remedy.Tests.Handler;

/// <summary>
/// A workaround's counters reach Graphite: stackfsck-remedy sends to the real statsd whose graphite
/// backend flushes every second to a real carbon-cache (tests/services/statsd.sh), and carbon writes
/// the count into a whisper file, read back with whisper-fetch as a Graphite web server would read it.
/// </summary>
public sealed class CountersInGraphiteTests : IDisposable
{
    private readonly RemedyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_executed_workaround_is_one_count_in_its_whisper_file()
    {
        string[] args = _folder.Handler("CRITICAL", "HARD", 3, diagnose: "true", remedy: "true");
        args[Array.IndexOf(args, "--statsd") + 1] = $"127.0.0.1:{Repo.Service("STACKFSCK_GRAPHITE_STATSD_PORT")}";

        CheckRun run = Dist.Run("stackfsck-remedy", args);

        Assert.True(run.ExitCode == 0, run.ToString());
        // statsd's graphite backend names a counter's count stats_counts.NAME; carbon makes a folder of each dot.
        string whisper = Path.Combine([Repo.Service("STACKFSCK_WHISPER_DIR"), "stats_counts", _folder.Prefix, "prod", "cell1", "workaround", "OPS-1234", "executed.wsp"]);
        Assert.Equal(1, CountOnceWritten(whisper));
    }

    /// <summary>The sum of the points in the file, once it holds any (carbon writes within seconds of a flush), or after 30 s.</summary>
    private static double CountOnceWritten(string whisper)
    {
        double sum = 0;
        for (int i = 0; i < 60 && sum == 0; i++)
        {
            Thread.Sleep(500);
            sum = File.Exists(whisper) ? Points(whisper).Sum() : 0;
        }

        return sum;
    }

    /// <summary>whisper-fetch prints "TIMESTAMP\tVALUE" a line, None where nothing was written.</summary>
    private static IEnumerable<double> Points(string whisper)
    {
        CheckRun fetch = Dist.RunProgram("whisper-fetch", [whisper], new Dictionary<string, string?>());
        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        return fetch.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')[1])
            .Where(value => value != "None")
            .Select(value => double.Parse(value, CultureInfo.InvariantCulture));
    }
}
