using System.CommandLine;
using StackFsck.Plugin;

namespace StackFsck.Tests.Database;

/// <summary>A check context for calling the database layer in-process: no arguments, a generous deadline that never ends the test run.</summary>
public sealed class LayerContext : IDisposable
{
    private readonly Deadline _deadline = new(new TimeoutSetting(30, Status.Unknown), _ => false);

    public LayerContext(params string[] args)
    {
        Command = new RootCommand();
        Context = new CheckContext(Command.Parse(args), _deadline, 0, TextWriter.Null);
    }

    public RootCommand Command { get; }
    public CheckContext Context { get; private set; }

    /// <summary>Parses a command line with the given options added, as CheckHost would.</summary>
    public CheckContext Parse(IEnumerable<Option> options, params string[] args)
    {
        foreach (Option option in options)
        {
            Command.Options.Add(option);
        }

        Context = new CheckContext(Command.Parse(args), _deadline, 0, TextWriter.Null);
        return Context;
    }

    public void Dispose() => _deadline.Dispose();
}
