namespace StackFsck.Confgen.Tests;

public sealed class AuditTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void CurrentDiagnosedWorkaroundIsNotListed()
    {
        CheckRun run = Audit("2027-03-31");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0 workaround(s) listed", run.Stdout.Trim());
    }

    [Fact]
    public void ExpiredWorkaroundIsListedWithItsLinkAndEveryServerCarryingIt()
    {
        CheckRun run = Audit("2027-04-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "expired,diagnosed keystone_revocations expires=2027-03-31 https://tracker.example.net/OPS-1234 on "
            + "nagios.dev.example.net:ctl1.dev.example.net nagios-global.prod.example.net:db-global.prod.example.net",
            run.FirstLine);
        Assert.EndsWith("1 workaround(s) listed\n", run.Stdout);
    }

    [Fact]
    public void UndiagnosedWorkaroundIsListedBeforeItExpires()
    {
        string templates = workspace.CopyTemplates();
        string services = Path.Combine(templates, "cell/services.cfg.hbs");
        File.WriteAllText(services, File.ReadAllText(services).Replace(
            "    service_description     compute_queues\n",
            "    service_description     compute_queues\n    _WORKAROUND_URL https://tracker.example.net/OPS-77\n    _WORKAROUND_EXPIRES 2030-01-01\n    _ROOT_CAUSE_DIAGNOSED 0\n",
            StringComparison.Ordinal));

        CheckRun run = Confgen.Run("audit", "-i", workspace.Inventory, "-T", templates, "--today", "2027-01-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "current,undiagnosed compute_queues expires=2030-01-01 https://tracker.example.net/OPS-77 on "
            + "nagios.dev.example.net:cond1.dev.example.net "
            + "nagios-cell1.prod.example.net:rabbit1.cell1.prod.example.net nagios-cell2.prod.example.net:rabbit1.cell2.prod.example.net",
            run.FirstLine);
    }

    [Fact]
    public void With_the_log_a_workaround_whose_handler_ran_more_than_the_weekly_limit_is_flagged_with_its_7_and_30_day_runs()
    {
        string log = Path.Combine(workspace.Root, "nagios.log");
        long end = new DateTimeOffset(2027, 1, 11, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        long[] agesInDays = [1, 2, 3, 6, 12, 29, 31];
        File.WriteAllLines(log, agesInDays.Select(days =>
            $"[{end - (days * 86400) + 60}] SERVICE EVENT HANDLER: db-global.prod.example.net;keystone_revocations;CRITICAL;HARD;3;stackfsck_remedy_OPS-1234_0a1b2c3d")
            .Append($"[{end - 86400}] SERVICE EVENT HANDLER: db-global.prod.example.net;keystone_accounts;CRITICAL;HARD;3;other-handler"));

        CheckRun flagged = Confgen.Run("audit", "-i", workspace.Inventory, "-T", Confgen.Templates, "--today", "2027-01-10", "--log", log);
        CheckRun under = Confgen.Run("audit", "-i", workspace.Inventory, "-T", Confgen.Templates, "--today", "2027-01-10", "--log", log, "--max-runs-per-week", "4");

        Assert.True(flagged.ExitCode == 0, flagged.ToString());
        Assert.StartsWith("current,diagnosed,runs-too-often keystone_revocations expires=2027-03-31 runs_7d=4 runs_30d=6 https://tracker.example.net/OPS-1234 on ", flagged.FirstLine);
        Assert.Equal("0 workaround(s) listed", under.Stdout.Trim());
    }

    private CheckRun Audit(string today) => Confgen.Run("audit", "-i", workspace.Inventory, "-T", Confgen.Templates, "--today", today);
}
