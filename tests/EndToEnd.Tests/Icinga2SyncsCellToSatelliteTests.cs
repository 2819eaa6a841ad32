using System.Text.Json;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// Icinga 2's config sync between two real daemons, each in a private prefix: a master started
/// from the master folder confgen renders for a global server, and a satellite started from the
/// cell server's folder, which holds only its zones.conf. Their certificates come from the
/// master's CA (<c>icinga2 pki</c>). The master sends the satellite its cell zone and the global
/// templates, never the master zone. The satellite runs the cell's RabbitMQ check against the
/// test tier's broker, and the result, with perfdata, reaches the master.
/// </summary>
[Collection(TestCloud.Daemons)]
public sealed class Icinga2SyncsCellToSatelliteTests : IAsyncLifetime
{
    private const string Master = "icinga-master.e2e.test";
    private const string Satellite = "icinga-cell1.e2e.test";
    private TestCloud? _cloud;

    public async Task InitializeAsync() => _cloud = await TestCloud.CreateAsync();

    public async Task DisposeAsync() => await (_cloud?.DisposeAsync() ?? ValueTask.CompletedTask);

    [Fact]
    public async Task Master_syncs_the_cell_zone_to_its_satellite_which_runs_it_and_reports_back()
    {
        await _cloud!.ProvokeAsync();
        string rendered = Path.Combine(_cloud.Work, "rendered");
        string inventory = _cloud.WriteInventory($"{{name: {Master}, class: global}}", $"{{name: {Satellite}, class: cell, cells: [cell1]}}");
        CheckRun render = TestCloud.Confgen("render", "--engine", "icinga2", "-i", inventory, "-T", _cloud.FastTemplates(), "-o", rendered);
        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.False(Directory.Exists(Path.Combine(rendered, Satellite, "zones.d")), "a satellite's folder holds only its zones.conf");

        using var master = Icinga2Prefix.ForTree(Path.Combine(rendered, Master), Master);
        using var satellite = Icinga2Prefix.ForTree(Path.Combine(rendered, Satellite), Satellite);
        string masterPort = Repo.Service("STACKFSCK_ICINGA2_API_PORT");
        master.MakeCertificateAuthority();
        master.EnableApi(master, masterPort);
        satellite.EnableApi(master, Repo.Service("STACKFSCK_ICINGA2_SATELLITE_API_PORT"), acceptConfig: true);
        ReachMasterOnLoopback(satellite, masterPort);
        foreach (Icinga2Prefix prefix in new[] { master, satellite })
        {
            prefix.SetConstant("PluginDir", _cloud.Plugins());
        }

        string log = master.EnableCompatLog();
        const string CellProblem = "SERVICE ALERT: cond1.e2e.test;compute_queues;WARNING;HARD;";

        string[] lines = [];
        using (var masterDaemon = new Icinga2Daemon(master))
        using (var satelliteDaemon = new Icinga2Daemon(satellite))
        {
            bool reported = masterDaemon.WaitFor(() => (lines = File.Exists(log) ? File.ReadAllLines(log) : []).Any(l => l.Contains(CellProblem, StringComparison.Ordinal)),
                TimeSpan.FromSeconds(180));
            Assert.True(reported, $"master's compat log:\n{string.Join('\n', lines)}\nmaster:\n{masterDaemon.Output()}\nsatellite:\n{satelliteDaemon.Output()}");
        }

        string synced = Path.Combine(satellite.DataDir, "api", "zones");
        Assert.Equal(["cell1", "global-templates"], new DirectoryInfo(synced).GetDirectories().Select(zone => zone.Name).Order(StringComparer.Ordinal));
        string cell = string.Concat(Directory.GetFiles(Path.Combine(synced, "cell1"), "*.conf", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("object Host \"cond1.e2e.test\"", cell, StringComparison.Ordinal);
        Assert.DoesNotContain("ctl1.e2e.test", cell, StringComparison.Ordinal);
        // The credentials stay where the satellite keeps them: a path in the synced tree, not their text.
        Assert.Contains($"\"{Path.Combine(_cloud.Work, "private", "rabbitmq.ini")}\"", cell, StringComparison.Ordinal);
        Assert.DoesNotContain("guest", cell, StringComparison.Ordinal);

        Dictionary<string, JsonElement> results = master.LastCheckResults();
        JsonElement queues = results["cond1.e2e.test!compute_queues"];
        Assert.Equal(Satellite, queues.GetProperty("check_source").GetString());
        Assert.StartsWith("deepest=5;", queues.GetProperty("performance_data").EnumerateArray().First().GetString());
        Assert.Equal(Master, results["ctl1.e2e.test!keystone_revocations"].GetProperty("check_source").GetString());
    }

    /// <summary>
    /// The rendered Endpoint names its server's host and Icinga's default port (5665); here both
    /// daemons share 127.0.0.1, so the satellite dials the master's test port instead.
    /// </summary>
    private static void ReachMasterOnLoopback(Icinga2Prefix satellite, string port)
    {
        string path = Path.Combine(satellite.Etc, "zones.conf");
        string zones = File.ReadAllText(path);
        string host = $"  host = \"{Master}\"\n";
        Assert.Contains(host, zones, StringComparison.Ordinal);
        File.WriteAllText(path, zones.Replace(host, $"  host = \"127.0.0.1\"\n  port = \"{port}\"\n", StringComparison.Ordinal));
    }
}
