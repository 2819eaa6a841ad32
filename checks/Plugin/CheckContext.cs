using System.Runtime.CompilerServices;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>What a running check is given: its parsed arguments, the deadline and a verbose log.</summary>
public sealed class CheckContext(ParsedArguments args, Deadline deadline, int verbosity, TextWriter log)
{
    private readonly List<string> _warnings = [];

    public ParsedArguments Args { get; } = args;
    public Deadline Deadline { get; } = deadline;
    public int Verbosity { get; } = verbosity;
    public CancellationToken Token => Deadline.Token;

    public T Get<T>(Option<T> option) => Args.GetValue(option)!;

    public Threshold Get(Threshold threshold) => threshold.Read(Args);

    /// <summary>Starts a stage: named in a timeout message, logged at -vv.</summary>
    public void Stage(string stage)
    {
        Deadline.Enter(stage);
        Log(2, stage);
    }

    /// <summary>Runs <paramref name="work"/> beside the caller; a timeout names its stages as well as the caller's.</summary>
    public Task<T> RunBeside<T>(Func<T> work) => Deadline.RunBeside(work);

    /// <summary>Waits for work started with <see cref="RunBeside{T}"/>; meanwhile only its stages are named.</summary>
    public Task<T> Join<T>(Task<T> beside) => Deadline.Join(beside);

    /// <summary>Lines for the long output whatever the outcome (a file holding a password that others can read); each said once.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public void Warn(string line)
    {
        lock (_warnings)
        {
            if (!_warnings.Contains(line))
            {
                _warnings.Add(line);
            }
        }
    }

    /// <summary>Writes to standard error when -v was given at least <paramref name="level"/> times. Never pass a secret.</summary>
    public void Log(int level, string message)
    {
        if (Verbosity >= level)
        {
            log.WriteLine(message);
        }
    }

    /// <summary>The same for an interpolated line, formatted only when it is written (<see cref="LogLine"/>).</summary>
    public void Log(int level, [InterpolatedStringHandlerArgument("", "level")] ref LogLine line)
    {
        if (Verbosity >= level)
        {
            log.WriteLine(line.ToStringAndClear());
        }
    }
}
