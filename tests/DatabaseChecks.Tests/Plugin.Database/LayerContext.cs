using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Tests.Database;

/// <summary>A check context for calling the database layer in-process: no arguments, a generous deadline that never ends the test run.</summary>
public sealed class LayerContext : IDisposable
{
    private readonly Deadline _deadline = new(new TimeoutSetting(30, Status.Unknown), _ => false);

    public LayerContext(params string[] args)
    {
        Context = Parse([], args);
    }

    public CheckContext Context { get; private set; }

    /// <summary>Parses a command line of the given options, as CheckHost would.</summary>
    public CheckContext Parse(IEnumerable<Option> options, params string[] args)
    {
        Context = new CheckContext(new CommandLine(options).Parse(args), _deadline, 0, TextWriter.Null);
        return Context;
    }

    public void Dispose() => _deadline.Dispose();
}
