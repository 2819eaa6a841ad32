namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// Cut and malformed answers from the RabbitMQ management API (hand-made servers: a real broker
/// does not send them on demand) end in one UNKNOWN sentence an operator understands, never in
/// .NET's exception names.
/// </summary>
public sealed class BodyTests
{
    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
    private const string Queue = """[{"name":"compute.cmp1","messages":3,"consumers":1}]""";

    public static TheoryData<string, string, string> Answers => new()
    {
        { "short Content-Length", $"{Head}Content-Length: 400\r\n\r\n{Queue}", "broke off before its end" },
        { "2 GB Content-Length, then close", $"{Head}Content-Length: 2147483648\r\n\r\n{Queue}", "broke off before its end" },
        { "cut chunk", $"{Head}Transfer-Encoding: chunked\r\n\r\n40\r\n{Queue[..20]}", "broke off before its end" },
        { "damaged chunk size", $"{Head}Transfer-Encoding: chunked\r\n\r\nzz\r\n{Queue}\r\n0\r\n\r\n", "is damaged" },
        { "malformed JSON", $"{Head}Content-Length: 11\r\n\r\n[{{\"name\": 5", "malformed JSON in the queue list" },
        { "not JSON", $"{Head}Content-Length: 9\r\n\r\n<html/>\r\n", "malformed JSON in the queue list" },
        { "not HTTP", "SSH-2.0-OpenSSH_9.2\r\n", "cannot reach" },
        { "closed at once", "", "cannot reach" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_broken_answer_is_one_sentence(string fault, string response, string expected)
    {
        using BrokenServer server = BrokenServer.Answer(response);
        using var home = new TempHome();

        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", [.. Checks.PointedAt("check_rabbitmq_compute_queues", server.Port), "-t", "5"],
            Checks.Environment(home.Path));

        Assert.True(run.ExitCode == 3, $"{fault}: {run}");
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - ", run.FirstLine);
        Assert.Contains(expected, run.FirstLine);
        Assert.Contains($"127.0.0.1:{server.Port}/api/queues/%2F", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        Checks.AssertNoInternals(run);
    }
}
