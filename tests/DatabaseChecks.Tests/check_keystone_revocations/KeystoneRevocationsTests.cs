namespace StackFsck.Tests.Database;

/// <summary>
/// check_keystone_revocations against the real Keystone of tests/run ([token] expiration and
/// [revoke] expiration_buffer at Keystone's defaults, 3600 + 1800 s, as the check assumes):
/// tokens issued and revoked through the API, so every revocation event is Keystone's own.
/// </summary>
[Collection(KeystoneTier.Name)]
public sealed class KeystoneRevocationsTests : IDisposable
{
    private const string Check = "check_keystone_revocations";
    private const string Password = "Right-pw-42";
    private readonly KeystoneApi _api = new();
    private readonly string _user;

    public KeystoneRevocationsTests()
    {
        string domain = _api.CreateDomain($"revoke-{Guid.NewGuid():N}"[..20]);
        _user = _api.CreateUser(domain, "tokens", Password);
    }

    [Fact]
    public void The_counts_are_those_of_the_events_keystone_wrote_for_revoked_tokens()
    {
        long before = Count("1");
        RevokeNewTokens(4);

        CheckRun run = Dist.Run(Check, KeystoneApi.DatabaseLogin);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(before + 4, run.Perf("events"));
        Assert.Equal(Count("1"), run.Perf("events"));
        Assert.Equal(Count("revoked_at >= UTC_TIMESTAMP() - INTERVAL 1 HOUR"), run.Perf("last_hour"));
        Assert.Equal(Count("revoked_at < UTC_TIMESTAMP() - INTERVAL 5400 SECOND"), run.Perf("overdue"));
    }

    [Fact]
    public void What_the_check_calls_overdue_is_what_keystone_prunes_at_its_next_revocation()
    {
        RevokeNewTokens(4);
        // Keystone keeps an event expiration + expiration_buffer (90 min): no test waits that
        // long, so three of the four events are set back two hours, and one 70 minutes, in the database.
        string kept = KeystoneApi.Sql("SELECT id FROM revocation_event ORDER BY id DESC LIMIT 1 OFFSET 3");
        KeystoneApi.Sql($"""
            UPDATE revocation_event SET revoked_at = revoked_at - INTERVAL 2 HOUR ORDER BY id DESC LIMIT 3;
            UPDATE revocation_event SET revoked_at = UTC_TIMESTAMP() - INTERVAL 70 MINUTE WHERE id = {kept};
            """);
        CheckRun backlog = Dist.Run(Check, [.. KeystoneApi.DatabaseLogin, "--warning-overdue", "0"]);
        long before = Count("1");

        RevokeNewTokens(1);

        CheckRun after = Dist.Run(Check, KeystoneApi.DatabaseLogin);
        Assert.Equal(1, backlog.ExitCode);
        Assert.Equal(3, backlog.Perf("overdue"));
        Assert.Equal(backlog.Perf("overdue"), before + 1 - Count("1"));
        Assert.Equal(0, after.Perf("overdue"));
        Assert.Equal(1, Count($"id = {kept}"));
    }

    [Fact]
    public void The_printed_delete_run_verbatim_removes_exactly_the_overdue_events()
    {
        RevokeNewTokens(4);
        KeystoneApi.Sql("UPDATE revocation_event SET revoked_at = revoked_at - INTERVAL 2 HOUR ORDER BY id DESC LIMIT 3");
        CheckRun backlog = Dist.Run(Check, KeystoneApi.DatabaseLogin);
        const string Lead = "They revoke only expired tokens and can be deleted: ";
        string delete = Assert.Single(backlog.LongOutput, line => line.StartsWith(Lead, StringComparison.Ordinal))[Lead.Length..];
        long before = Count("1");

        KeystoneApi.Sql(delete); // as an operator pastes it into the mysql client

        CheckRun after = Dist.Run(Check, KeystoneApi.DatabaseLogin);
        Assert.True(backlog.Perf("overdue") >= 3, backlog.ToString());
        Assert.Equal(backlog.Perf("overdue"), before - Count("1"));
        Assert.Equal(0, after.Perf("overdue"));
        Assert.DoesNotContain("DELETE", after.Stdout);
    }

    public void Dispose() => _api.Dispose();

    private void RevokeNewTokens(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _api.Revoke(_api.PasswordLogin(_user, Password).Token!);
        }
    }

    private static long Count(string where) => long.Parse(KeystoneApi.Sql($"SELECT COUNT(*) FROM revocation_event WHERE {where}"));
}
