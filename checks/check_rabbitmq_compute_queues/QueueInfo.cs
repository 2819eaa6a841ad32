using System.Text.Json;

namespace StackFsck.Checks.RabbitMq;

/// <summary>The columns of one entry of the management API's <c>/api/queues/VHOST</c> that the check reads.</summary>
internal sealed class QueueInfo
{
    public string Name { get; set; } = "";

    /// <summary>Absent until the broker has emitted stats for a new queue; read as 0.</summary>
    public long Messages { get; set; }

    public int Consumers { get; set; }

    /// <summary><c>message_stats.publish_details.rate</c>, 0 when absent.</summary>
    public double PublishRate { get; set; }

    /// <summary><c>message_stats.deliver_get_details.rate</c>, 0 when absent.</summary>
    public double DeliverRate { get; set; }

    /// <summary>
    /// Reads the queue list (a JSON array of queue objects) one queue at a time into
    /// <paramref name="visit"/>; members the check does not read are skipped.
    /// </summary>
    public static void ReadList(Stream body, Action<QueueInfo> visit)
    {
        var json = new JsonTokens(body);
        json.Expect(JsonTokenType.StartArray);
        for (JsonToken token = json.Next(); token.Type != JsonTokenType.EndArray; token = json.Next())
        {
            visit(token.Type == JsonTokenType.StartObject ? Read(json) : throw new JsonException($"a queue object expected, {token.Type} found"));
        }

        json.ExpectEnd();
    }

    private static QueueInfo Read(JsonTokens json)
    {
        var queue = new QueueInfo();
        for (JsonToken member = json.Next(); member.Type == JsonTokenType.PropertyName; member = json.Next())
        {
            switch (member.Text)
            {
                case "name":
                    queue.Name = json.Expect(JsonTokenType.String).Text!;
                    break;
                case "messages":
                    queue.Messages = (long)Count(json);
                    break;
                case "consumers":
                    queue.Consumers = (int)Math.Min(Count(json), int.MaxValue);
                    break;
                case "message_stats":
                    ReadStats(json, queue);
                    break;
                default:
                    json.SkipValue();
                    break;
            }
        }

        return queue;
    }

    /// <summary><c>{"publish_details": {"rate": R}, "deliver_get_details": {"rate": R}, ...}</c>; null or absent leaves 0.</summary>
    private static void ReadStats(JsonTokens json, QueueInfo queue)
    {
        JsonToken start = json.Next();
        if (start.Type == JsonTokenType.Null)
        {
            return;
        }

        if (start.Type != JsonTokenType.StartObject)
        {
            throw new JsonException($"message_stats: an object expected, {start.Type} found");
        }

        for (JsonToken member = json.Next(); member.Type == JsonTokenType.PropertyName; member = json.Next())
        {
            switch (member.Text)
            {
                case "publish_details":
                    queue.PublishRate = Rate(json);
                    break;
                case "deliver_get_details":
                    queue.DeliverRate = Rate(json);
                    break;
                default:
                    json.SkipValue();
                    break;
            }
        }
    }

    private static double Rate(JsonTokens json)
    {
        double rate = 0;
        json.Expect(JsonTokenType.StartObject);
        for (JsonToken member = json.Next(); member.Type == JsonTokenType.PropertyName; member = json.Next())
        {
            if (member.Text == "rate")
            {
                rate = json.Number();
            }
            else
            {
                json.SkipValue();
            }
        }

        return rate;
    }

    /// <summary>A whole non-negative number (messages, consumers).</summary>
    private static double Count(JsonTokens json)
    {
        double count = json.Number();
        return count >= 0 && count <= long.MaxValue && count == Math.Floor(count) ? count : throw new JsonException($"a count expected, {count} found");
    }
}
