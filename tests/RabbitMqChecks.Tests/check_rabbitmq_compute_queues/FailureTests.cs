using System.Diagnostics;
using StackFsck.Tests;

namespace StackFsck.RabbitMq.Tests;

/// <summary>Every way the API can fail gives one clear line and exit 3 (or the -t state), within the deadline.</summary>
public class FailureTests
{
    private static readonly Dictionary<string, string?> Guest = new() { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "guest" };

    private static CheckRun Against(int port, params string[] args) =>
        Dist.Run("check_rabbitmq_compute_queues", ["-H", "127.0.0.1", "-p", port.ToString(), .. args], Guest);

    [Fact]
    public void Wrong_password_names_the_user()
    {
        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", Broker.CommonArgs,
            new Dictionary<string, string?> { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "wrong" });
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("COMPUTE_QUEUES UNKNOWN - RabbitMQ refused the credentials of user 'guest' (HTTP 401)", run.FirstLine);
        Assert.DoesNotContain("wrong", run.Stdout);
    }

    [Fact]
    public void Unknown_vhost_is_named()
    {
        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", [.. Broker.CommonArgs, "--vhost", "no-such-vhost"], Guest);
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - vhost 'no-such-vhost' not found (HTTP 404", run.FirstLine);
    }

    [Fact]
    public void A_broker_port_without_the_management_plugin_is_named_not_taken_for_a_missing_vhost()
    {
        // The test broker's Prometheus listener: RabbitMQ's own web server, without the management API.
        var prometheus = new Uri(Repo.Service("STACKFSCK_RABBITMQ_PROMETHEUS"));
        CheckRun run = Against(prometheus.Port);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - no RabbitMQ management API at http://127.0.0.1:{prometheus.Port}/api/ (HTTP 404): "
            + "is the rabbitmq_management plugin enabled on this port?", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Credentials_come_from_a_file_and_missing_ones_are_explained()
    {
        string file = Path.GetTempFileName();
        File.WriteAllLines(file, ["# monitoring", "username=guest", "password=guest"]);
        CheckRun fromFile = Dist.Run("check_rabbitmq_compute_queues",
            [.. Broker.CommonArgs, "--credentials-file", file, "--allow-empty", "--queue", "^none$"],
            new Dictionary<string, string?> { ["RABBITMQ_USERNAME"] = null, ["RABBITMQ_PASSWORD"] = null });
        File.Delete(file);
        Assert.Equal(0, fromFile.ExitCode);

        CheckRun none = Dist.Run("check_rabbitmq_compute_queues", Broker.CommonArgs,
            new Dictionary<string, string?> { ["RABBITMQ_USERNAME"] = null, ["RABBITMQ_PASSWORD"] = null });
        Assert.Equal(3, none.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - no RabbitMQ credentials", none.FirstLine);
    }

    [Fact]
    public void Unreachable_api_is_one_line()
    {
        int closed;
        using (var probe = new CannedHttpServer(""))
        {
            closed = probe.Port;
        }

        CheckRun run = Against(closed);
        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - cannot reach http://127.0.0.1:{closed}/api/queues/%2F: Connection refused", run.FirstLine);
    }

    [Theory]
    [InlineData("[{\"name\":\"compute.a\",\"messages\":")]
    [InlineData("{\"error\":\"not a list\"}")]
    [InlineData("<html>proxy error</html>")]
    public void Malformed_or_truncated_json_is_one_line(string body)
    {
        using var server = new CannedHttpServer(CannedHttpServer.Json(body));
        CheckRun run = Against(server.Port);
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"COMPUTE_QUEUES UNKNOWN - malformed JSON in the queue list from http://127.0.0.1:{server.Port}/api/queues/%2F", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Server_error_status_is_reported()
    {
        using var server = new CannedHttpServer("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        CheckRun run = Against(server.Port);
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - HTTP 503 Service Unavailable from", run.FirstLine);
    }

    [Fact]
    public void A_server_that_never_answers_ends_at_the_deadline_naming_the_stage()
    {
        using var server = new CannedHttpServer(null);
        var clock = Stopwatch.StartNew();
        CheckRun run = Against(server.Port, "-t", "1");
        clock.Stop();
        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - timed out after 1 s while requesting http://127.0.0.1:{server.Port}/api/queues/%2F", run.FirstLine);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void The_timeout_state_can_be_chosen()
    {
        using var server = new CannedHttpServer(null);
        CheckRun run = Against(server.Port, "-t", "1:CRITICAL");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES CRITICAL - timed out after 1 s", run.FirstLine);
    }

    [Theory]
    [InlineData("--queue", "([unclosed")]
    [InlineData("-c", "@")]
    [InlineData("--port", "http")]
    [InlineData("--frobnicate")]
    public void Bad_arguments_exit_3_with_one_line(params string[] args)
    {
        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", args);
        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - bad arguments: ", run.FirstLine);
    }

    [Fact]
    public void Help_and_version_exit_3()
    {
        Assert.Equal(3, Dist.Run("check_rabbitmq_compute_queues", "--help").ExitCode);
        CheckRun version = Dist.Run("check_rabbitmq_compute_queues", "-V");
        Assert.Equal(3, version.ExitCode);
        Assert.StartsWith("check_rabbitmq_compute_queues (stackfsck) ", version.FirstLine);
    }
}
