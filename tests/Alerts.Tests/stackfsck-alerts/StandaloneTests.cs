namespace StackFsck.Alerts.Tests;

/// <summary>
/// <c>stackfsck-alerts send</c> (the Native AOT executable in dist/) against <c>confgen alerts send</c>:
/// the same options, the same metrics, the same state files, so a monitoring server can switch
/// from one to the other in its cron line.
/// </summary>
public class StandaloneTests : IDisposable
{
    private const string Compute = "cmp101.cell1.prod.example.net";

    private readonly LogFolder _folder = new();
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => _folder.Dispose();

    private static CheckRun Standalone(params string[] args) => Dist.Run("stackfsck-alerts", args);

    private string[] SendArguments(params string[] extra) =>
        ["send", "-i", ConfgenAlerts.Inventory, "--log", _folder.Log, "--state", _folder.State, "--statsd", StatsDAdmin.Target, "--prefix", _prefix, .. extra];

    [Fact]
    public void A_dry_run_prints_the_metrics_confgen_alerts_prints_and_the_same_summary_under_its_own_name()
    {
        _folder.Append(
            $"[1763700000] SERVICE ALERT: {Compute};nova-compute;CRITICAL;SOFT;1;down",
            $"[1763700001] SERVICE ALERT: {Compute};nova-compute;CRITICAL;HARD;3;down; really",
            "[1763700003] HOST ALERT: ctl1.dev.example.net;DOWN;HARD;3;PING CRITICAL",
            $"[1763700004] SERVICE NOTIFICATION: ops;{Compute};nova-compute;ACKNOWLEDGEMENT (CRITICAL);notify;down;jdoe;looking",
            "[1763700007] HOST DOWNTIME ALERT: ctl1.dev.example.net;STARTED; Host has entered a period of scheduled downtime",
            "[1763700009] SERVICE ALERT: stray.example.org;Disk /var;WARNING;HARD;3;80% used",
            "this is not a log line");

        CheckRun confgen = ConfgenAlerts.Run(SendArguments("--soft", "--dry-run"));
        CheckRun standalone = Standalone(SendArguments("--soft", "--dry-run"));

        Assert.True(confgen.ExitCode == 0, confgen.ToString());
        Assert.True(standalone.ExitCode == 0, standalone.ToString());
        Assert.Contains($"{_prefix}.prod.cell1.cell.service_alert.cmp101_cell1_prod_example_net.nova-compute.SOFT.CRITICAL:1|c", standalone.Stdout);
        Assert.Equal(confgen.Stdout, standalone.Stdout);
        Assert.Equal(confgen.Stderr.Replace("confgen alerts: ", "stackfsck-alerts: "), standalone.Stderr);
    }

    [Fact]
    public void Either_program_reads_on_from_where_the_other_stopped()
    {
        AppendComputeAlerts(2);
        Assert.Equal(0, Standalone(SendArguments()).ExitCode);
        AppendComputeAlerts(3);
        _folder.Rotate();
        AppendComputeAlerts(1);

        CheckRun confgen = ConfgenAlerts.Run(SendArguments());
        Assert.True(confgen.ExitCode == 0, confgen.ToString());
        Assert.Contains("read 5 lines", confgen.Stdout);
        AppendComputeAlerts(4);
        CheckRun standalone = Standalone(SendArguments());
        Assert.Contains("stackfsck-alerts: read 4 lines", standalone.Stdout);
        Assert.Equal(10, StatsDAdmin.CountersOnceTotalIs(_prefix, 10)[$"{_prefix}.prod.cell1.cell.service_alert.cmp101_cell1_prod_example_net.nova-compute.HARD.CRITICAL"]);
    }

    [Fact]
    public void Its_send_takes_the_options_of_confgen_alerts_send()
    {
        CheckRun confgen = ConfgenAlerts.Run("send", "--help");
        CheckRun standalone = Standalone("send", "--help");

        Assert.Equal(0, standalone.ExitCode);
        Assert.Equal(Options(confgen.Stdout), Options(standalone.Stdout));
        Assert.Contains("--inventory", standalone.Stdout);
    }

    [Theory]
    [InlineData("/nonexistent", "statsd.example.net:8125", "stackfsck-alerts: /nonexistent: no such inventory directory")]
    [InlineData(null, "statsd.example.net:notaport", "stackfsck-alerts: ")]
    public void A_bad_argument_is_one_line_and_exit_1_as_from_confgen(string? inventory, string statsd, string start)
    {
        string[] args = ["send", "-i", inventory ?? ConfgenAlerts.Inventory, "--log", _folder.Log, "--state", _folder.State, "--statsd", statsd, "--dry-run"];
        CheckRun confgen = ConfgenAlerts.Run(args);
        CheckRun standalone = Standalone(args);

        Assert.Equal(confgen.ExitCode, standalone.ExitCode);
        Assert.Equal(1, standalone.ExitCode);
        Assert.StartsWith(start, standalone.Stderr);
        Assert.Single(standalone.Stderr.TrimEnd('\n').Split('\n'));
    }

    /// <summary>The option column of a --help text.</summary>
    private static List<string> Options(string help) => help.Split('\n')
        .SkipWhile(line => line != "Options:").Skip(1)
        .TakeWhile(line => line.Length > 0)
        .Select(line => line.Trim().Split("  ")[0])
        .ToList();

    private void AppendComputeAlerts(int count) =>
        _folder.Append(Enumerable.Range(0, count).Select(i => $"[1763700000] SERVICE ALERT: {Compute};nova-compute;CRITICAL;HARD;3;down {i}").ToArray());
}
