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

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
