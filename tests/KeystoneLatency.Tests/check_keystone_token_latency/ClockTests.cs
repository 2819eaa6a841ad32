using System.Text.Json.Nodes;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>
/// A Keystone whose clock differs from the checker's (shown by moving the checker's clock with
/// libfaketime against the real Keystone). Keystone's expires_at is by its own clock: read
/// against the local clock, a Keystone two hours ahead would make a one-hour token look valid
/// for three (kept after Keystone refuses it), and one two hours behind would make every token
/// look expired at once (every run issuing a new token). The cache counts the token's lifetime
/// (expires_at - issued_at) from the local moment it asked for it.
/// </summary>
public sealed class ClockTests : RealKeystoneTest
{
    private DateTimeOffset CachedExpiry() =>
        JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(Check.CacheHome, "stackfsck")))))!["expires_at"]!.GetValue<DateTimeOffset>();

    [Fact]
    public void A_keystone_clock_two_hours_ahead_does_not_stretch_the_cached_tokens_life()
    {
        DateTimeOffset localNow = DateTimeOffset.UtcNow.AddHours(-2);
        CheckRun run = Check.RunWithClock("-2h", "--count", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Keystone's default token lifetime is one hour, from the moment the checker asked (its clock).
        Assert.InRange(CachedExpiry(), localNow.AddMinutes(55), localNow.AddMinutes(65));
    }

    [Fact]
    public void A_keystone_clock_two_hours_behind_still_lets_runs_share_a_token()
    {
        CheckRun first = Check.RunWithClock("+2h", "--count", "2", "-v");
        CheckRun second = Check.RunWithClock("+2h", "--count", "2", "-v");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Contains("reusing the cached token", second.Stderr);
    }
}
