using System.Net;
using System.Text;
using System.Text.Json;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.RabbitMq;

/// <summary>Reads the queue list of one vhost from the RabbitMQ management HTTP API.</summary>
internal sealed class ManagementApi(HttpSession session, Uri baseUri, string username, Secret password)
{
    /// <summary>Only the columns the check needs: a broker with 10,000 queues answers in kilobytes, not megabytes.</summary>
    private const string Columns = "name,messages,consumers,message_stats.publish_details.rate,message_stats.deliver_get_details.rate";

    public Uri QueuesUri(string vhost) =>
        new(baseUri, $"api/queues/{Uri.EscapeDataString(vhost)}?columns={Columns}");

    /// <summary>Streams the queue list into <paramref name="visit"/> without building the whole document.</summary>
    public void ReadQueues(string vhost, Action<QueueInfo> visit, CheckContext context)
    {
        Uri uri = QueuesUri(vhost);
        string shown = uri.GetLeftPart(UriPartial.Path);
        context.Stage($"requesting {shown}");
        HttpRequest request = new HttpRequest("GET", uri).Header("Authorization", BasicCredentials()).Header("Accept", "application/json");
        HttpResponse response = session.Send(request);
        if (response.StatusCode == HttpStatusCode.NotFound && !HasApi(context))
        {
            throw new CheckException($"no RabbitMQ management API at {new Uri(baseUri, "api/")} (HTTP 404): is the rabbitmq_management plugin enabled on this port?");
        }

        ThrowUnlessOk(response, shown, vhost);

        context.Stage($"reading the queue list from {shown}");
        try
        {
            QueueInfo.ReadList(response.Body, visit);
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
    private bool HasApi(CheckContext context)
    {
        context.Stage($"asking {new Uri(baseUri, "api/overview")} whether the management API is there");
        HttpResponse response = session.Send(new HttpRequest("GET", new Uri(baseUri, "api/overview")).Header("Authorization", BasicCredentials()));
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private string BasicCredentials() =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password.Reveal()}"));

    private void ThrowUnlessOk(HttpResponse response, string uri, string vhost)
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
