using System.Collections.Concurrent;

namespace StackFsck.Plugin;

/// <summary>
/// The <c>-t</c> budget for the whole run (connect, request, parse). When it runs out, a thread
/// started then (<see cref="ExpiryTimer"/>) prints which stage was under way and ends the process,
/// whatever the check's own thread is blocked in: a socket, a native library call, a slow parse.
/// A check that outlives its timeout would hold a scheduler slot and report nothing.
/// </summary>
/// <remarks>
/// Work started with <see cref="RunBeside{T}"/> runs in a lane of its own, so stages that run at
/// the same time (a database connect beside a libvirt listing) each keep their name, and a
/// timeout names every stage still under way instead of whichever was named last.
/// </remarks>
public sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly ExpiryTimer _timer;
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly AsyncLocal<Lane?> _current = new();
    private readonly Lane _main = new(0);
    private readonly ConcurrentDictionary<Lane, bool> _beside = new();
    private readonly DateTime _end;
    private long _lanes;
    private volatile bool _finished;
    private volatile string _latest = "starting";

    /// <param name="onExpiry">Prints the timeout output; returns true when it was the first to write.</param>
    public Deadline(TimeoutSetting timeout, Func<Deadline, bool> onExpiry)
    {
        Timeout = timeout;
        _main.Stage = _latest;
        _end = DateTime.UtcNow.AddSeconds(timeout.Seconds);
        _timer = new ExpiryTimer(TimeSpan.FromSeconds(timeout.Seconds), () => Expire(onExpiry));
    }

    public TimeoutSetting Timeout { get; }

    /// <summary>Every stage under way, the main flow's first, then the others in the order they began.</summary>
    public string Stage
    {
        get
        {
            string?[] stages = [_main.Stage, .. _beside.Keys.OrderBy(lane => lane.Order).Select(lane => lane.Stage)];
            string[] named = [.. stages.OfType<string>()];
            return named.Length > 0 ? string.Join(" and ", named) : _latest;
        }
    }

    public CancellationToken Token => _cancel.Token;
    public bool Expired => _cancel.IsCancellationRequested;
    public TimeSpan Remaining => _end - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>
    /// For work that waits on its own with <see cref="Remaining"/> (a socket poll) and found none
    /// left: marks the run timed out at once, so the host words it as the timeout without waiting
    /// for the timer, and returns the exception to throw.
    /// </summary>
    public OperationCanceledException Overrun()
    {
        _cancel.Cancel();
        return new OperationCanceledException(Summary, _cancel.Token);
    }

    /// <summary>Names what this flow of the run is doing now, for the timeout message ("connecting to 10.0.0.5:3306").</summary>
    public void Enter(string stage)
    {
        CurrentLane.Stage = stage;
        _latest = stage;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool in a lane of its own: the stages it enters
    /// are named beside the caller's until it ends.
    /// </summary>
    public Task<T> RunBeside<T>(Func<T> work) => Task.Run(() =>
    {
        var lane = new Lane(Interlocked.Increment(ref _lanes));
        _current.Value = lane;
        _beside[lane] = true;
        try
        {
            return work();
        }
        finally
        {
            _beside.TryRemove(lane, out _);
        }
    });

    /// <summary>Waits for work started with <see cref="RunBeside{T}"/>; while it waits, this flow names no stage of its own.</summary>
    public async Task<T> Join<T>(Task<T> beside)
    {
        CurrentLane.Stage = null;
        return await beside;
    }

    /// <summary>A line of what was measured so far, shown as long output if the deadline strikes.</summary>
    public void Note(string line) => _notes.Enqueue(line);

    public IEnumerable<string> Notes => _notes;

    public string Summary => $"timed out after {Perfdata.Number(Timeout.Seconds)} s while {Stage}";

    public void Dispose()
    {
        _finished = true;
        _timer.Dispose();
    }

    private Lane CurrentLane => _current.Value ?? _main;

    private void Expire(Func<Deadline, bool> onExpiry)
    {
        if (_finished)
        {
            return;
        }

        _cancel.Cancel();
        if (onExpiry(this))
        {
            ProcessEnd.Now((int)Timeout.State);
        }
    }

    /// <summary>One flow of the run: the main one (order 0) or one started beside it.</summary>
    private sealed class Lane(long order)
    {
        private volatile string? _stage;

        public long Order { get; } = order;

        public string? Stage
        {
            get => _stage;
            set => _stage = value;
        }
    }
}
