using System.Text;
using StackFsck.Plugin.Http;

namespace StackFsck.Plugin.Tests.Http;

/// <summary>
/// Random mutations of well-formed answers (bytes flipped, cut, repeated, dropped, inserted),
/// read through the client: each is read whole or ends in the client's own worded sentence
/// (a <see cref="CheckException"/> naming the URL), never another exception, never a hang.
/// STACKFSCK_HTTP_FUZZ_CASES and STACKFSCK_HTTP_FUZZ_SEED make a longer or different run.
/// </summary>
public sealed class HttpAnswerFuzzTests
{
    private static readonly string[] Answers =
    [
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n[{\"name\":\"compute.a\",\"m\":3}]",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n[{\"name\":\"comput\r\n5;x=y\r\ne.a\"}\r\n1\r\n]\r\n0\r\nX-T: 1\r\n\r\n",
        "HTTP/1.0 200 OK\r\nConnection: close\r\n\r\n[{\"name\":\"compute.a\"}]",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nX-Subject-Token: abc\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
    ];

    private static readonly byte[][] Fragments = [.. new[] { "\r\n", "\n", ":", " ", "0", "-1", "ffffffffffffffff", ";", ",", "chunked", "Content-Length: 9\r\n", "HTTP/1.1 " }
        .Select(Encoding.ASCII.GetBytes)];

    [Fact]
    public void Mutated_answers_are_read_or_refused_in_one_sentence()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("STACKFSCK_HTTP_FUZZ_CASES"), out int n) ? n : 20_000;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("STACKFSCK_HTTP_FUZZ_SEED"), out int s) ? s : 16;
        var random = new Random(seed);
        var failures = new List<string>();

        for (int i = 0; i < cases && failures.Count < 10; i++)
        {
            byte[] answer = Mutate(random, Encoding.ASCII.GetBytes(Answers[random.Next(Answers.Length)]));
            if (Problem(answer, random.Next(1, 64)) is string problem)
            {
                failures.Add($"{problem}: {Encoding.Latin1.GetString(answer).ReplaceLineEndings("\\n")}");
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n", failures));
    }

    /// <summary>What went wrong reading the answer, or null: read whole, or refused in a sentence that names the URL.</summary>
    private static string? Problem(byte[] answer, int largestRead)
    {
        using HttpSession session = CannedConnection.Session(answer, largestRead, maxBodyBytes: 1024);
        var read = Task.Run(() =>
        {
            HttpResponse response = session.Send(new HttpRequest("GET", new Uri("http://keystone.example:5000/v3/auth/tokens?nocatalog")));
            response.Drain();
        });
        try
        {
            // Only a guard against a hang: a canned answer takes microseconds.
            return read.Wait(TimeSpan.FromSeconds(30)) ? null : "hangs";
        }
        catch (AggregateException failed) when (failed.InnerException is CheckException error)
        {
            return error.Message.Contains("http://keystone.example:5000/v3/auth/tokens", StringComparison.Ordinal) && !error.Message.Contains('\n')
                ? null
                : $"sentence '{error.Message}'";
        }
        catch (AggregateException failed)
        {
            return $"{failed.InnerException?.GetType().Name}: {failed.InnerException?.Message}";
        }
    }

    private static byte[] Mutate(Random random, byte[] answer)
    {
        var bytes = new List<byte>(answer);
        for (int edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.InsertRange(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)));
                    break;
            }
        }

        return [.. bytes];
    }
}
