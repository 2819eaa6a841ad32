namespace StackFsck.Plugin.Tests;

/// <summary>
/// Stages run at the same time keep their own names: a timeout names every stage still under
/// way, so a check with parallel stages sends the operator to the one that hangs.
/// </summary>
public sealed class DeadlineTests : IDisposable
{
    private readonly ManualResetEventSlim _release = new();

    [Fact]
    public async Task A_stage_beside_the_main_one_is_named_while_it_runs_and_forgotten_when_done()
    {
        using var deadline = new Deadline(new TimeoutSetting(600, Status.Unknown), _ => false);
        var entered = new ManualResetEventSlim();
        Task<int> connecting = deadline.RunBeside(() =>
        {
            deadline.Enter("connecting to the database");
            entered.Set();
            _release.Wait();
            return 1;
        });
        Task<int> scanning = deadline.RunBeside(() =>
        {
            deadline.Enter("scanning the disks");
            return 2;
        });
        await scanning;
        entered.Wait();
        deadline.Enter("listing the domains");

        Assert.Equal("listing the domains and connecting to the database", deadline.Stage);

        Task<int> joined = deadline.Join(connecting);
        Assert.Equal("connecting to the database", deadline.Stage);

        _release.Set();
        Assert.Equal(1, await joined);
        deadline.Enter("reading the instances");
        Assert.Equal("reading the instances", deadline.Stage);
    }

    [Fact]
    public async Task The_main_stage_alone_is_named_when_the_stages_beside_it_are_done()
    {
        using var deadline = new Deadline(new TimeoutSetting(600, Status.Unknown), _ => false);
        await deadline.RunBeside(() =>
        {
            deadline.Enter("connecting to the database");
            return 0;
        });

        deadline.Enter("listing the domains");

        Assert.Equal("listing the domains", deadline.Stage);
        Assert.Equal("timed out after 600 s while listing the domains", deadline.Summary);
    }

    [Fact]
    public void The_expiry_runs_while_the_main_flow_is_blocked_and_cancels_the_token()
    {
        using var expired = new ManualResetEventSlim();
        using var deadline = new Deadline(new TimeoutSetting(0.2, Status.Unknown), _ =>
        {
            expired.Set();
            return false;
        });
        deadline.Enter("waiting on a server that never answers");

        Assert.True(expired.Wait(TimeSpan.FromSeconds(30)), "the deadline never expired");
        Assert.True(deadline.Expired);
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.Equal("timed out after 0.2 s while waiting on a server that never answers", deadline.Summary);
    }

    [Fact]
    public void A_deadline_disposed_in_time_never_expires()
    {
        int expiries = 0;
        var deadline = new Deadline(new TimeoutSetting(0.3, Status.Unknown), _ =>
        {
            Interlocked.Increment(ref expiries);
            return false;
        });
        deadline.Dispose();
        deadline.Dispose(); // CheckHost disposes before printing, and again at the end of its scope

        Thread.Sleep(TimeSpan.FromSeconds(0.6));
        Assert.Equal(0, expiries);
        Assert.False(deadline.Expired);
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
