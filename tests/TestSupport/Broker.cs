using System.Net.Http.Json;
using System.Text.Json;
using RabbitMQ.Client;

namespace StackFsck.Tests;

/// <summary>
/// A private vhost on the test broker (started by tests/run), set up through the management
/// API as an operator would, and removed afterwards. guest/guest is the broker's loopback admin.
/// </summary>
public sealed class Broker : IAsyncDisposable
{
    public static readonly Uri Api = new(Repo.Service("STACKFSCK_RABBITMQ_API"));
    private static readonly Dictionary<string, string?> Guest = new() { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "guest" };
    private readonly HttpClient _http = new() { BaseAddress = Api };
    private readonly List<IConnection> _connections = [];

    private Broker(string vhost)
    {
        Vhost = vhost;
        string basic = Convert.ToBase64String("guest:guest"u8.ToArray());
        _http.DefaultRequestHeaders.Authorization = new("Basic", basic);
    }

    public string Vhost { get; }
    private string V => Uri.EscapeDataString(Vhost);

    public static async Task<Broker> CreateAsync(string? vhost = null)
    {
        var broker = new Broker(vhost ?? "stackfsck-test-" + Guid.NewGuid().ToString("N")[..8]);
        await broker.Put($"api/vhosts/{broker.V}", new { });
        await broker.Put($"api/permissions/{broker.V}/guest", new { configure = ".*", write = ".*", read = ".*" });
        return broker;
    }

    /// <summary>Runs the check against this vhost as guest, with credentials from the environment.</summary>
    public CheckRun Check(params string[] args) =>
        Dist.Run("check_rabbitmq_compute_queues", [.. CommonArgs, "--vhost", Vhost, .. args], Guest);

    public static string[] CommonArgs => ["-H", Api.Host, "-p", Api.Port.ToString()];

    public async Task DeclareAsync(string queue, int messages = 0)
    {
        await Put($"api/queues/{V}/{Uri.EscapeDataString(queue)}", new { durable = false, auto_delete = false });
        for (int i = 0; i < messages; i++)
        {
            await PublishAsync(queue);
        }

        await WaitForMessagesAsync(queue, messages);
    }

    public async Task PublishAsync(string queue)
    {
        var message = new { properties = new { }, routing_key = queue, payload = "{\"method\":\"reboot_instance\"}", payload_encoding = "string" };
        (await _http.PostAsJsonAsync($"api/exchanges/{V}/amq.default/publish", message)).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Attaches an AMQP consumer that takes one message and never acknowledges it, so the queue
    /// keeps its messages and shows one consumer: a compute service that is alive but slow.
    /// </summary>
    public async Task<IConnection> ConsumeAsync(string queue)
    {
        var factory = new ConnectionFactory
        {
            HostName = Api.Host,
            Port = int.Parse(Repo.Service("STACKFSCK_RABBITMQ_AMQP_PORT")),
            VirtualHost = Vhost,
            UserName = "guest",
            Password = "guest",
        };
        IConnection connection = await factory.CreateConnectionAsync();
        _connections.Add(connection);
        IChannel channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 1, false);
        await channel.BasicConsumeAsync(queue, autoAck: false, new AsyncDefaultBasicConsumer(channel));
        await WaitForAsync(queue, q => q.GetProperty("consumers").GetInt32() == 1);
        return connection;
    }

    public async Task StopConsumingAsync(IConnection connection, string queue)
    {
        await connection.CloseAsync();
        _connections.Remove(connection);
        await WaitForAsync(queue, q => q.GetProperty("consumers").GetInt32() == 0);
    }

    /// <summary>The management API counts messages from periodic stats; wait until it shows the expected depth.</summary>
    public Task WaitForMessagesAsync(string queue, int messages) =>
        WaitForAsync(queue, q => q.TryGetProperty("messages", out JsonElement m) ? m.GetInt32() == messages : messages == 0);

    public async ValueTask DisposeAsync()
    {
        foreach (IConnection connection in _connections)
        {
            await connection.CloseAsync();
        }

        await _http.DeleteAsync($"api/vhosts/{V}");
        _http.Dispose();
    }

    private async Task WaitForAsync(string queue, Func<JsonElement, bool> ready)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            using HttpResponseMessage response = await _http.GetAsync($"api/queues/{V}/{Uri.EscapeDataString(queue)}");
            if (response.IsSuccessStatusCode && ready(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"queue {queue} in {Vhost} never reached the expected state");
    }

    private async Task Put(string path, object body) =>
        (await _http.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();
}
