using System.Text.RegularExpressions;
using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Reading;

namespace StackFsck.Alerts.Tests;

/// <summary>
/// kill -9 of a real <c>confgen alerts send</c> at every step of a send, after each kind of
/// rotation: strace delivers SIGKILL at the Nth call of each system call a send makes (the lock,
/// batch and state writes, each progress mark, each datagram, each fsync, rename and unlink), for
/// N = 1, 2, ... until a run makes fewer calls than N. A run that is not killed follows. Across
/// the two, every alert arrives exactly once, but for the one datagram the second run names as
/// in flight when the first was killed, which may arrive twice.
/// </summary>
public partial class KillTests
{
    private const string Prefix = "k";
    private const int PerStretch = 20;

    private static readonly string[] EveryStep = ["pwrite64", "sendto", "fsync", "rename", "unlink"];

    /// <summary>
    /// The kill matters to the rotation only before the batch is written (the next run then reads
    /// across the rotation again): the other rotations get the first steps and the datagrams.
    /// </summary>
    private static readonly string[] FirstSteps = ["rename", "sendto"];

    public static TheoryData<string, bool> Rotations => new()
    {
        { "archives", true }, // Nagios' own: renamed into archives/
        { "nagios.log.1", true }, // logrotate copytruncate
        { "nagios.log.1.gz", false },
        { "old/nagios.log-20261101", false }, // olddir, dateext
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void A_kill_at_any_step_of_a_send_loses_nothing_and_repeats_at_most_the_datagram_in_flight(string rotation, bool everyStep)
    {
        foreach (string call in everyStep ? EveryStep : FirstSteps)
        {
            for (int when = 1; ; when++)
            {
                using var folder = new LogFolder();
                using var statsd = new CountingUdpListener();
                Prepare(folder, rotation);
                CheckRun killed = Send(folder, statsd, "strace", "-f", "-qq", "-o", "/dev/null", "-e", $"trace={call}", "-e", $"inject={call}:signal=KILL:when={when}");
                CheckRun next = Send(folder, statsd);
                string step = $"kill at {call} #{when} after rotation {rotation}: killed run {killed}, next run {next}";
                Assert.True(killed.ExitCode is 0 or 137, step);
                Assert.True(next.ExitCode == 0, step);
                AssertEachAlertOnce(statsd.Drain(), next.Stderr, step);
                if (killed.ExitCode == 0)
                {
                    // The send makes fewer such calls: every one of them has been a kill point.
                    Assert.True(when > 1, $"a send makes no {call} call: nothing was killed");
                    break;
                }
            }
        }
    }

    /// <summary>Alerts 0-19 already sent (the position saved after them), 20-39 logged before the rotation, 40-59 after it.</summary>
    private static void Prepare(LogFolder folder, string rotation)
    {
        folder.Append(Alerts(0));
        StateFile.Save(folder.State, IncrementalLog.Read(folder.Files, null, () => new AlertCounter(false).Line).Next);
        folder.Append(Alerts(PerStretch));
        if (rotation == "archives")
        {
            folder.Rotate();
        }
        else
        {
            folder.CopyTruncate(Path.Combine(folder.Root, rotation));
        }

        folder.Append(Alerts(2 * PerStretch));
    }

    private static void AssertEachAlertOnce(List<string> datagrams, string nextStderr, string step)
    {
        List<IGrouping<string, string>> repeated = datagrams.GroupBy(d => d).Where(g => g.Count() > 1).ToList();
        Assert.True(repeated.Count <= 1 && repeated.All(g => g.Count() == 2), $"{step}: several datagrams repeated");
        Assert.True(repeated.Count == 0 || nextStderr.Contains("sending it again", StringComparison.Ordinal), $"{step}: a repeat the next run did not announce");
        HashSet<int> inDoubt = repeated.SelectMany(g => AlertCounts(g.Key)).Select(c => c.Alert).ToHashSet();
        var counts = new SortedDictionary<int, long>();
        foreach ((int alert, long count) in datagrams.SelectMany(AlertCounts))
        {
            counts[alert] = counts.GetValueOrDefault(alert) + count;
        }

        Assert.True(Enumerable.Range(PerStretch, 2 * PerStretch).SequenceEqual(counts.Keys), $"{step}: alerts lost or foreign: {string.Join(',', counts.Keys)}");
        Assert.True(counts.All(c => c.Value == (inDoubt.Contains(c.Key) ? 2 : 1)), $"{step}: counted twice outside the datagram in flight");
    }

    private static IEnumerable<(int Alert, long Count)> AlertCounts(string datagram) =>
        AlertMetric().Matches(datagram).Select(m => (int.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value)));

    private static string[] Alerts(int first) => Enumerable.Range(first, PerStretch).Select(i => LogFolder.Alert(i)).ToArray();

    private static CheckRun Send(LogFolder folder, CountingUdpListener statsd, params string[] wrapper)
    {
        string[] send = ["send", "-i", ConfgenAlerts.Inventory, "--log", folder.Log, "--olddir", folder.OldDir, "--state", folder.State, "--statsd", statsd.Target, "--prefix", Prefix];
        return wrapper.Length == 0
            ? ConfgenAlerts.Run(send)
            : Dist.RunProgram(wrapper[0], [.. wrapper[1..], "dotnet", Path.Combine(AppContext.BaseDirectory, "confgen.dll"), "alerts", .. send], new Dictionary<string, string?>());
    }

    [GeneratedRegex(@"\.svc-(\d+)\.HARD\.CRITICAL:(\d+)\|c")]
    private static partial Regex AlertMetric();
}
