using StackFsck.Remedy.Handler;

namespace StackFsck.Remedy.Tests.Handler;

public class TransitionTests
{
    private static readonly string[] Critical = ["CRITICAL"];

    [Theory]
    [InlineData("CRITICAL", "HARD", 3, null, true)]
    [InlineData("CRITICAL", "SOFT", 1, null, false)]
    [InlineData("CRITICAL", "SOFT", 2, null, false)]
    [InlineData("WARNING", "HARD", 3, null, false)]
    [InlineData("OK", "HARD", 1, null, false)]
    [InlineData("CRITICAL", "SOFT", 2, 2, true)]
    [InlineData("CRITICAL", "SOFT", 1, 2, false)]
    [InlineData("CRITICAL", "HARD", 3, 2, true)]
    [InlineData("WARNING", "SOFT", 2, 2, false)]
    public void Acts_on_the_hard_change_to_a_wanted_state_or_at_the_chosen_soft_attempt(string state, string type, int attempt, int? onSoftAttempt, bool wanted) =>
        Assert.Equal(wanted, new Transition(state, type, attempt).Wanted(Critical, onSoftAttempt));
}
