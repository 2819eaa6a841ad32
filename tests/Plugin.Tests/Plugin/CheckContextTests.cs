using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Tests;

/// <summary>
/// A check's -v lines: written at the verbosity they ask for, and at a lower one not even
/// formatted, so a detail that is costly to word costs nothing at the default verbosity.
/// </summary>
public sealed class CheckContextTests : IDisposable
{
    private readonly Deadline _deadline = new(new TimeoutSetting(600, Status.Unknown), _ => false);

    [Theory]
    [InlineData(0, 0, "")]
    [InlineData(1, 1, "1 queues matched\n")]
    [InlineData(3, 1, "1 queues matched\n")]
    public void An_interpolated_log_line_is_formatted_only_when_written(int verbosity, int formatted, string written)
    {
        var log = new StringWriter();
        var context = new CheckContext(new CommandLine([]).Parse([]), _deadline, verbosity, log);
        int worded = 0;

        context.Log(1, $"{++worded} queues matched");

        Assert.Equal(formatted, worded);
        Assert.Equal(written, log.ToString().Replace("\r\n", "\n"));
    }

    public void Dispose() => _deadline.Dispose();
}
