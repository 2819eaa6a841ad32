using System.Diagnostics;
using StackFsck.Tests;

namespace StackFsck.RabbitMq.Tests;

/// <summary>The operators' scenarios against a real broker: a host whose queue stops draining, queues nobody consumes, growth.</summary>
public class ComputeQueuesTests
{
    [Fact]
    public async Task A_deep_queue_is_critical_and_named_first()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001", 2);
        await broker.DeclareAsync("compute.cmp-002", 12);
        await broker.DeclareAsync("compute.cmp-003");

        CheckRun run = broker.Check("-w", "5", "-c", "10", "--warning-no-consumers", "~:");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES CRITICAL - deepest queue compute.cmp-002 holds 12 messages (critical 10)", run.FirstLine);
        Assert.Equal(12, run.Perf("deepest"));
        Assert.Equal(3, run.Perf("queues"));
        Assert.Equal(14, run.Perf("messages"));
        Assert.Equal("10", run.Perfdata["deepest"].Critical);
        Assert.StartsWith("compute.cmp-002: 12 messages, 0 consumers", run.LongOutput[0]);
        Assert.StartsWith("compute.cmp-001: 2 messages", run.LongOutput[1]);
    }

    [Fact]
    public async Task Queues_with_a_live_consumer_and_shallow_depth_are_ok()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001", 3);
        await broker.ConsumeAsync("compute.cmp-001");

        CheckRun run = broker.Check();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("COMPUTE_QUEUES OK - 1 queues, 3 messages, deepest compute.cmp-001 with 3", run.Text);
        Assert.Equal(0, run.Perf("no_consumers"));
    }

    [Fact]
    public async Task A_queue_holding_messages_without_consumer_warns_until_a_consumer_returns()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001", 2);
        await broker.DeclareAsync("compute.cmp-002");

        CheckRun stuck = broker.Check();
        Assert.Equal(1, stuck.ExitCode);
        Assert.Contains("1 queues hold messages with no consumer (warning 0)", stuck.Text);
        Assert.Contains("[no consumer]", stuck.LongOutput[0]);

        var consumer = await broker.ConsumeAsync("compute.cmp-001");
        Assert.Equal(0, broker.Check().ExitCode);

        await broker.StopConsumingAsync(consumer, "compute.cmp-001");
        CheckRun again = broker.Check("--critical-no-consumers", "0");
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(1, again.Perf("no_consumers"));
    }

    [Fact]
    public async Task Only_per_host_compute_queues_count_by_default_and_exclude_removes_more()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute", 50);
        await broker.DeclareAsync("compute_fanout_0f1e", 50);
        await broker.DeclareAsync("conductor", 50);
        await broker.DeclareAsync("compute.cmp-001", 1);
        await broker.DeclareAsync("compute.cmp-002-drain", 7);

        CheckRun all = broker.Check("--warning-no-consumers", "~:");
        Assert.Equal(2, all.Perf("queues"));
        Assert.Equal(7, all.Perf("deepest"));

        CheckRun excluded = broker.Check("--warning-no-consumers", "~:", "--exclude", "-drain$");
        Assert.Equal(1, excluded.Perf("queues"));
        Assert.Equal(1, excluded.Perf("deepest"));

        CheckRun conductor = broker.Check("--warning-no-consumers", "~:", "--queue", "^conductor$");
        Assert.Equal(50, conductor.Perf("deepest"));
    }

    [Fact]
    public async Task No_matching_queue_is_unknown_unless_allowed()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("conductor", 1);

        CheckRun typo = broker.Check("--queue", "^compte\\.");
        Assert.Equal(3, typo.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES UNKNOWN - no queue in vhost '{broker.Vhost}' matches '^compte\\.'", typo.Text);

        CheckRun allowed = broker.Check("--queue", "^compte\\.", "--allow-empty");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal($"COMPUTE_QUEUES OK - no queue in vhost '{broker.Vhost}' matches '^compte\\.'", allowed.Text);
        Assert.Equal(0, allowed.Perf("queues"));
    }

    [Fact]
    public async Task Vhost_names_with_a_slash_are_encoded()
    {
        await using Broker broker = await Broker.CreateAsync("nova/" + Guid.NewGuid().ToString("N")[..6]);
        await broker.DeclareAsync("compute.cmp-001", 4);

        CheckRun run = broker.Check("--warning-no-consumers", "~:");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, run.Perf("deepest"));
    }

    [Fact]
    public async Task Default_vhost_slash_is_read()
    {
        string queue = "compute.slash-" + Guid.NewGuid().ToString("N")[..6];
        await using Broker scratch = await Broker.CreateAsync();
        CheckRun run = Dist.Run("check_rabbitmq_compute_queues",
            [.. Broker.CommonArgs, "--queue", "^" + queue.Replace(".", "\\.") + "$", "--allow-empty"],
            new Dictionary<string, string?> { ["RABBITMQ_USERNAME"] = "guest", ["RABBITMQ_PASSWORD"] = "guest" });
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("vhost '/'", run.Text);
    }

    [Fact]
    public async Task Per_queue_perfdata_only_when_asked()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001", 2);
        await broker.DeclareAsync("compute.cmp-002", 1);

        Assert.False(broker.Check("--warning-no-consumers", "~:").Perfdata.ContainsKey("compute.cmp-001"));
        CheckRun run = broker.Check("--warning-no-consumers", "~:", "--perfdata-per-queue");
        Assert.Equal(2, run.Perf("compute.cmp-001"));
        Assert.Equal(1, run.Perf("compute.cmp-002"));
        Assert.Equal(2, run.Perf("deepest"));
    }

    [Fact]
    public async Task A_queue_published_to_faster_than_it_is_consumed_is_growing()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001", 1);
        using var publishing = new CancellationTokenSource();
        Task publisher = Task.Run(async () =>
        {
            while (!publishing.IsCancellationRequested)
            {
                await broker.PublishAsync("compute.cmp-001");
                await Task.Delay(20);
            }
        });

        // Rates come from the broker's periodic stats: poll until they show, within 20 s.
        CheckRun run = broker.Check("--warning-no-consumers", "~:", "--critical-growing", "0");
        var clock = Stopwatch.StartNew();
        while (run.Perf("growing") == 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(500);
            run = broker.Check("--warning-no-consumers", "~:", "--critical-growing", "0");
        }

        publishing.Cancel();
        await publisher;
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("1 queues grow (published faster than delivered) (critical 0)", run.Text);
        Assert.Contains("[growing]", run.LongOutput[0]);
    }
}
