using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>What a running check is given: its parsed arguments, the deadline and a verbose log.</summary>
public sealed class CheckContext(ParsedArguments args, Deadline deadline, int verbosity, TextWriter log)
{
    public ParsedArguments Args { get; } = args;
    public Deadline Deadline { get; } = deadline;
    public int Verbosity { get; } = verbosity;
    public CancellationToken Token => Deadline.Token;

    public T Get<T>(Option<T> option) => Args.GetValue(option)!;

    public Thresholds Get(ThresholdPair pair) => pair.Read(Args);

    /// <summary>Starts a stage: named in a timeout message, logged at -vv.</summary>
    public void Stage(string stage)
    {
        Deadline.Enter(stage);
        Log(2, stage);
    }

    /// <summary>Writes to standard error when -v was given at least <paramref name="level"/> times. Never pass a secret.</summary>
    public void Log(int level, string message)
    {
        if (Verbosity >= level)
        {
            log.WriteLine(message);
        }
    }
}
