using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.RabbitMq;

/// <summary>Reads the queue list of one vhost from the RabbitMQ management HTTP API.</summary>
internal sealed class ManagementApi(HttpClient client, Uri baseUri, string username, Secret password)
{
    /// <summary>Only the columns the check needs: a broker with 10,000 queues answers in kilobytes, not megabytes.</summary>
    private const string Columns = "name,messages,consumers,message_stats.publish_details.rate,message_stats.deliver_get_details.rate";

    public Uri QueuesUri(string vhost) =>
        new(baseUri, $"api/queues/{Uri.EscapeDataString(vhost)}?columns={Columns}");

    /// <summary>Streams the queue list into <paramref name="visit"/> without building the whole document.</summary>
    public async Task ReadQueuesAsync(string vhost, Action<QueueInfo> visit, CheckContext context)
    {
        Uri uri = QueuesUri(vhost);
        string shown = uri.GetLeftPart(UriPartial.Path);
        context.Stage($"requesting {shown}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await HttpClients.SendAsync(client, request, context.Token);
        if (response.StatusCode == HttpStatusCode.NotFound && !await HasApiAsync(context))
        {
            throw new CheckException($"no RabbitMQ management API at {new Uri(baseUri, "api/")} (HTTP 404): is the rabbitmq_management plugin enabled on this port?");
        }

        ThrowUnlessOk(response, shown, vhost);

        context.Stage($"reading the queue list from {shown}");
        await using Stream body = await HttpClients.ReadBodyAsync(response, shown, context.Token);
        try
        {
            await foreach (QueueInfo? queue in JsonSerializer.DeserializeAsyncEnumerable(body, QueueJson.Default.QueueInfo, context.Token))
            {
                if (queue is not null)
                {
                    visit(queue);
                }
            }
        }
        catch (JsonException error)
        {
            string where = error.LineNumber is long line ? $" (line {line + 1}, byte {error.BytePositionInLine})" : "";
            throw new CheckException($"malformed JSON in the queue list from {shown}{where}");
        }
    }

    /// <summary>
    /// Whether the management API answers at all. RabbitMQ's other web listeners (the Prometheus
    /// plugin's, Web STOMP's) answer 404 to /api with the very body the API gives for an unknown
    /// vhost, so only a request every API serves tells "no such vhost" from "no API here".
    /// </summary>
    private async Task<bool> HasApiAsync(CheckContext context)
    {
        context.Stage($"asking {new Uri(baseUri, "api/overview")} whether the management API is there");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "api/overview"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials());
        using HttpResponseMessage response = await HttpClients.SendAsync(client, request, context.Token);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private string BasicCredentials() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password.Reveal()}"));

    private void ThrowUnlessOk(HttpResponseMessage response, string uri, string vhost)
    {
        string problem = response.StatusCode switch
        {
            HttpStatusCode.OK => "",
            HttpStatusCode.Unauthorized => $"RabbitMQ refused the credentials of user '{username}' (HTTP 401)",
            HttpStatusCode.Forbidden => $"user '{username}' may not read vhost '{vhost}' (HTTP 403); it needs the monitoring tag",
            HttpStatusCode.NotFound => $"vhost '{vhost}' not found (HTTP 404 from {uri})",
            _ => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {uri}",
        };
        if (problem.Length > 0)
        {
            throw new CheckException(problem);
        }
    }
}
