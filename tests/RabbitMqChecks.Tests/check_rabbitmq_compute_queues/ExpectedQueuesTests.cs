using StackFsck.Tests;

namespace StackFsck.RabbitMq.Tests;

/// <summary>
/// `--expect NAME`: a queue a Nova service consumes from exists while the service runs. Its absence
/// is the service's problem (CRITICAL, naming the service), not the check's (UNKNOWN).
/// </summary>
public class ExpectedQueuesTests
{
    [Fact]
    public async Task A_missing_scheduler_queue_is_critical_and_names_nova_scheduler()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001");

        CheckRun run = broker.Check("--queue", "^scheduler", "--expect", "scheduler");

        Assert.Equal(2, run.ExitCode);
        // The UNKNOWN of the empty selection shows beside the CRITICAL, no longer hidden by it.
        Assert.Equal($"COMPUTE_QUEUES CRITICAL - no queue scheduler: is nova-scheduler running?; no queue in vhost '{broker.Vhost}' matches '^scheduler'", run.Text);
        Assert.Contains($"queue scheduler is missing from vhost '{broker.Vhost}': no nova-scheduler has declared it", run.LongOutput);
    }

    [Fact]
    public async Task Present_expected_queues_are_ok_whatever_queue_and_exclude_select()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("scheduler");
        await broker.DeclareAsync("conductor");

        CheckRun run = broker.Check("--queue", "^scheduler", "--exclude", "^scheduler$", "--allow-empty",
            "--expect", "scheduler", "--expect", "conductor");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.Perf("queues"));
    }

    [Fact]
    public async Task Every_missing_queue_is_named_and_a_deep_one_still_counts()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001", 3);

        CheckRun run = broker.Check("-w", "2", "--warning-no-consumers", "~:", "--expect", "scheduler", "--expect", "conductor");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES CRITICAL - no queue scheduler: is nova-scheduler running?; no queue conductor: is nova-conductor running?; "
            + "deepest queue compute.cmp-001 holds 3 messages (warning 2)", run.Text);
        Assert.Equal(3, run.Perf("deepest"));
    }

    [Fact]
    public async Task A_queue_that_appears_clears_the_alert()
    {
        await using Broker broker = await Broker.CreateAsync();
        await broker.DeclareAsync("compute.cmp-001");
        Assert.Equal(2, broker.Check("--expect", "scheduler").ExitCode);

        await broker.DeclareAsync("scheduler");

        CheckRun run = broker.Check("--expect", "scheduler");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("scheduler", run.Stdout);
    }

    [Fact]
    public void An_empty_name_is_an_argument_error()
    {
        CheckRun run = Dist.Run("check_rabbitmq_compute_queues", ["--expect", ""]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--expect: needs a queue name", run.Stdout);
    }
}
