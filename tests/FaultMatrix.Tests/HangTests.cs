using System.Diagnostics;

namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// A server that hangs (blackhole, stall mid-body, 1 byte/s trickle) never holds a check past
/// -t: it exits UNKNOWN within -t plus a margin for process start and exit, naming the stage
/// that hung, so the operator is sent to the right component.
/// </summary>
public sealed class HangTests : IDisposable
{
    private const double Timeout = 1.5;

    /// <summary>Process start, runtime start and exit on a busy shared machine; the timeout itself is measured inside the check.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("fault-hang");

    public static TheoryData<string> DatabaseChecks => [.. Checks.Database];

    [Theory]
    [MemberData(nameof(DatabaseChecks))]
    public void A_blackholed_database_is_named_as_the_stage_that_hung(string check)
    {
        using BrokenServer blackhole = BrokenServer.Blackhole();

        CheckRun run = Timed(check, Checks.PointedAt(check, blackhole.Port));

        Assert.Contains($"timed out after {Timeout} s while connecting to ", run.FirstLine);
        Assert.Contains($"127.0.0.1:{blackhole.Port}", run.FirstLine);
    }

    [Fact]
    public void Zombies_with_a_blackholed_database_blame_the_database_not_the_disks()
    {
        using BrokenServer blackhole = BrokenServer.Blackhole();
        string instances = _home.CreateSubdirectory("instances").FullName;
        string[] args = [.. Checks.PointedAt("check_nova_zombies", blackhole.Port).Where(arg => arg != "--skip-disks"), "--instances-path", instances];

        CheckRun run = Timed("check_nova_zombies", args);

        Assert.EndsWith($"while connecting to nova_api database (nova_api on 127.0.0.1:{blackhole.Port})", run.Text);
    }

    [Fact]
    public void Zombies_with_a_hung_libvirt_blame_libvirt_not_the_database()
    {
        string socket = Path.Combine(_home.FullName, "libvirt-sock");
        using BrokenServer libvirt = BrokenServer.BlackholeSocket(socket);
        string uri = $"qemu+unix:///system?socket={socket}";
        string[] args = ["--libvirt-uri", uri, "--skip-disks", "--host", "cmp1", "--api-host", "127.0.0.1", "--api-port", $"{BrokenServer.ClosedPort()}", "--api-user", "monitor"];

        CheckRun run = Timed("check_nova_zombies", args);

        Assert.EndsWith($"while listing the domains of {uri}", run.Text);
    }

    [Fact]
    public void A_blackholed_management_api_is_named_as_the_request()
    {
        using BrokenServer blackhole = BrokenServer.Blackhole();

        CheckRun run = Timed("check_rabbitmq_compute_queues", Checks.PointedAt("check_rabbitmq_compute_queues", blackhole.Port));

        Assert.EndsWith($"while requesting http://127.0.0.1:{blackhole.Port}/api/queues/%2F", run.Text);
    }

    [Fact]
    public void A_management_api_that_never_answers_the_tls_handshake_is_named_as_the_request()
    {
        using BrokenServer blackhole = BrokenServer.Blackhole();

        CheckRun run = Timed("check_rabbitmq_compute_queues", [.. Checks.PointedAt("check_rabbitmq_compute_queues", blackhole.Port), "--ssl"]);

        Assert.EndsWith($"while requesting https://127.0.0.1:{blackhole.Port}/api/queues/%2F", run.Text);
    }

    [Fact]
    public void A_queue_list_that_stalls_mid_body_is_named_as_reading_it()
    {
        using BrokenServer stall = BrokenServer.StallMidBody();

        CheckRun run = Timed("check_rabbitmq_compute_queues", Checks.PointedAt("check_rabbitmq_compute_queues", stall.Port));

        Assert.EndsWith($"while reading the queue list from http://127.0.0.1:{stall.Port}/api/queues/%2F", run.Text);
    }

    [Fact]
    public void A_management_api_trickling_a_byte_a_second_cannot_hold_the_check()
    {
        using BrokenServer trickle = BrokenServer.Trickle();

        CheckRun run = Timed("check_rabbitmq_compute_queues", Checks.PointedAt("check_rabbitmq_compute_queues", trickle.Port));

        Assert.EndsWith($"while requesting http://127.0.0.1:{trickle.Port}/api/queues/%2F", run.Text);
    }

    [Fact]
    public void A_blackholed_keystone_is_named_as_the_token_request()
    {
        using BrokenServer blackhole = BrokenServer.Blackhole();

        CheckRun run = Timed("check_keystone_token_latency", Checks.PointedAt("check_keystone_token_latency", blackhole.Port));

        Assert.EndsWith($"while requesting a token from http://127.0.0.1:{blackhole.Port}/v3/auth/tokens", run.Text);
    }

    [Fact]
    public void A_keystone_trickling_a_byte_a_second_cannot_hold_the_check()
    {
        using BrokenServer trickle = BrokenServer.Trickle();

        CheckRun run = Timed("check_keystone_token_latency", Checks.PointedAt("check_keystone_token_latency", trickle.Port));

        Assert.Contains("timed out after", run.Text);
    }

    public void Dispose() => _home.Delete(recursive: true);

    /// <summary>Runs the check with -t and -vv; asserts UNKNOWN within -t plus the margin, nothing internal, no secret.</summary>
    private CheckRun Timed(string check, string[] args)
    {
        var clock = Stopwatch.StartNew();
        CheckRun run = Dist.Run(check, [.. args, "-t", $"{Timeout}", "-vv"], Checks.Environment(_home.FullName));
        TimeSpan took = clock.Elapsed;

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith($"{Checks.Service(check)} UNKNOWN - timed out after {Timeout} s while ", run.FirstLine);
        Assert.True(took < TimeSpan.FromSeconds(Timeout) + Margin, $"{check} took {took.TotalSeconds:0.00} s with -t {Timeout}");
        Checks.AssertNoInternals(run);
        return run;
    }
}
