using System.Text.RegularExpressions;

namespace StackFsck.Alerts.Tests;

/// <summary>
/// <c>confgen alerts send</c> on the compat log a real Icinga 2 daemon writes (the compatlog
/// feature): its alert lines, and its own hourly rotation of <c>compat/icinga.log</c> into
/// <c>compat/archives/icinga-MM-DD-YYYY-HH.log</c>, counted under the same metric names as
/// Nagios' log. The daemon's clock is moved with faketime so that it reaches an hour within
/// seconds; it is restarted between the two phases (Icinga reopens its compat log for appending
/// and keeps the service's state in its state file), so the rotation falls where the test wants it.
/// </summary>
// Icinga 2 and faketime, like the servers this counts on, are Linux only.
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public partial class IcingaCompatLogTests : IDisposable
{
    private const string Host = "cmp101.cell1.prod.example.net";
    private const string Service = "nova-compute";

    private readonly Icinga2Prefix _prefix = new("master1.example.net");
    private readonly string _prefixName = "t" + Guid.NewGuid().ToString("N")[..10];

    public IcingaCompatLogTests()
    {
        _prefix.EnableFeature("compatlog");
        // What the Debian package creates: Icinga renames into this folder and never makes it.
        Directory.CreateDirectory(Path.Combine(CompatDir, "archives"));
        File.WriteAllText(StateFile, "0\n");
        string check = Path.Combine(_prefix.Root, "check_state");
        File.WriteAllText(check, $"#!/bin/sh\nread state < {StateFile}\necho \"NOVA_COMPUTE state $state; from the test\"\nexit $state\n");
        File.SetUnixFileMode(check, (UnixFileMode)0b111_101_101);
        _prefix.IncludeObjects("compat-test.conf", $$"""
            object CheckCommand "test-state" { command = [ "{{check}}" ] }
            object Host "{{Host}}" { check_command = "dummy"; check_interval = 1s; retry_interval = 1s }
            object Service "{{Service}}" {
              host_name = "{{Host}}"; check_command = "test-state"
              check_interval = 1s; retry_interval = 1s; max_check_attempts = 2
            }
            """);
    }

    private string CompatDir => Path.Combine(_prefix.LogDir, "compat");

    private string Log => Path.Combine(CompatDir, "icinga.log");

    private string StateFile => Path.Combine(_prefix.Root, "state");

    private string AlertsState => Path.Combine(_prefix.Root, "alerts.state");

    public void Dispose() => _prefix.Dispose();

    [Fact]
    public void Alerts_before_and_after_Icingas_own_rotation_are_each_sent_once_under_the_Nagios_names()
    {
        long nextHour = ((DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600) + 1) * 3600;

        // Phase 1, at ten past the hour: a HARD CRITICAL, a send, then the recovery.
        using (var daemon = new Icinga2Daemon(_prefix, OffsetTo(nextHour + 600)))
        {
            SetState(daemon, 2, "CRITICAL");
            Assert.Equal(0, Send().ExitCode);
            SetState(daemon, 0, "OK");
        }

        // Phase 2, five seconds before the next hour: Icinga rotates, then a HARD WARNING.
        using (var daemon = new Icinga2Daemon(_prefix, OffsetTo(nextHour + 3600 - 5)))
        {
            string archive = Path.Combine(CompatDir, "archives", $"icinga-{DateTimeOffset.FromUnixTimeSeconds(nextHour + 3600).UtcDateTime:MM-dd-yyyy-HH}.log");
            Assert.True(daemon.WaitFor(() => File.Exists(archive), TimeSpan.FromSeconds(60)), $"no rotation into {archive}:\n{daemon.Output()}");
            SetState(daemon, 1, "WARNING");
        }

        CheckRun second = Send();
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("2 files", second.Stdout);

        string[] written = [.. Directory.GetFiles(Path.Combine(CompatDir, "archives")).SelectMany(File.ReadAllLines), .. LogLines()];
        Dictionary<string, long> counters = StatsDAdmin.CountersOnceTotalIs(_prefixName, HardServiceAlerts(written, "OK") + 2);
        string name = $"{_prefixName}.prod.cell1.cell.service_alert.cmp101_cell1_prod_example_net.nova-compute.HARD.";
        Assert.Equal(1, counters[name + "CRITICAL"]);
        Assert.Equal(1, counters[name + "WARNING"]);
        Assert.Equal(HardServiceAlerts(written, "OK"), counters[name + "OK"]);
        Assert.Equal(written.Length, counters[$"{_prefixName}.alerts_reader.lines"]);
        Assert.Contains("read 0 lines", Send().Stdout);
    }

    /// <summary>The clock offset that puts the daemon's "now" at <paramref name="target"/> (epoch seconds).</summary>
    private static TimeSpan OffsetTo(long target) => TimeSpan.FromSeconds(target - DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Makes the test check return <paramref name="exitCode"/> and waits until Icinga has logged the HARD alert for it.</summary>
    private void SetState(Icinga2Daemon daemon, int exitCode, string state)
    {
        int before = HardServiceAlerts(LogLines(), state);
        File.WriteAllText(StateFile, $"{exitCode}\n");
        Assert.True(
            daemon.WaitFor(() => HardServiceAlerts(LogLines(), state) > before, TimeSpan.FromSeconds(60)),
            $"no HARD {state} alert in {Log}:\n{string.Join('\n', LogLines())}\n{daemon.Output()}");
    }

    /// <summary>The compat log's lines so far (none before the daemon has opened it).</summary>
    private string[] LogLines() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    private static int HardServiceAlerts(IEnumerable<string> lines, string state) =>
        lines.Count(line => HardAlert().Match(line) is { Success: true } match && match.Groups["state"].Value == state);

    private CheckRun Send() => ConfgenAlerts.Run(
        "send", "-i", ConfgenAlerts.Inventory, "--log", Log, "--state", AlertsState, "--statsd", StatsDAdmin.Target, "--prefix", _prefixName);

    [GeneratedRegex(@"^\[\d+\] SERVICE ALERT: cmp101\.cell1\.prod\.example\.net;nova-compute;(?<state>[A-Z]+);HARD;")]
    private static partial Regex HardAlert();
}
