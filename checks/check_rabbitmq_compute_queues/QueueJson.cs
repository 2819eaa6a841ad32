using System.Text.Json.Serialization;

namespace StackFsck.Checks.RabbitMq;

/// <summary>The columns of one entry of the management API's <c>/api/queues/VHOST</c> that the check reads.</summary>
internal sealed class QueueInfo
{
    public string Name { get; set; } = "";

    /// <summary>Absent until the broker has emitted stats for a new queue; read as 0.</summary>
    public long Messages { get; set; }

    public int Consumers { get; set; }

    [JsonPropertyName("message_stats")]
    public MessageStats? MessageStats { get; set; }

    public double PublishRate => MessageStats?.Publish?.Rate ?? 0;

    public double DeliverRate => MessageStats?.DeliverGet?.Rate ?? 0;
}

internal sealed class MessageStats
{
    [JsonPropertyName("publish_details")]
    public RateDetails? Publish { get; set; }

    [JsonPropertyName("deliver_get_details")]
    public RateDetails? DeliverGet { get; set; }
}

internal sealed class RateDetails
{
    public double Rate { get; set; }
}

/// <summary>Source-generated (de)serializers: no reflection, so the check stays Native AOT clean.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(QueueInfo))]
internal sealed partial class QueueJson : JsonSerializerContext;
