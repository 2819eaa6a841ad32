namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// A wrapper that closes a standard stream it does not read (<c>&gt;&amp;-</c>) still gets the
/// check's exit code, never an abort with a stack trace (these once exited 134). The same holds for
/// the two executables beside the checks: stackfsck-alerts runs from cron, stackfsck-remedy from
/// event handlers, and either may be started with a stream closed.
/// </summary>
public sealed class ClosedOutputTests : IDisposable
{
    private readonly TempHome _home = new();

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string check in Checks.All)
        {
            cases.Add(check, ">&-");
            cases.Add(check, "2>&-");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_closed_stream_leaves_the_exit_code_to_the_check(string check, string redirection)
    {
        CheckRun run = Dist.RunProgram("sh", ["-c", $"exec \"$0\" --help {redirection}", Dist.PathOf(check)], Checks.Environment(_home.Path));

        Assert.Equal(3, run.ExitCode);
        Checks.AssertNoInternals(run);
    }

    public static TheoryData<string, string, string, int> ToolCases() => new()
    {
        { "stackfsck-alerts", "--help", ">&-", 0 },
        { "stackfsck-alerts", "--help", "2>&-", 0 },
        { "stackfsck-alerts", "send --no-such-option", "2>&-", 1 },
        { "stackfsck-remedy", "--help", ">&-", 0 },
        { "stackfsck-remedy", "--help", "2>&-", 0 },
        { "stackfsck-remedy", "--no-such-option", "2>&-", 3 },
    };

    [Theory]
    [MemberData(nameof(ToolCases))]
    public void A_closed_stream_leaves_the_exit_code_to_the_tool(string tool, string arguments, string redirection, int exitCode)
    {
        CheckRun run = Dist.RunProgram("sh", ["-c", $"exec \"$0\" {arguments} {redirection}", Dist.PathOf(tool)], Checks.Environment(_home.Path));

        Assert.Equal(exitCode, run.ExitCode);
        Checks.AssertNoInternals(run);
    }

    public void Dispose() => _home.Dispose();
}
