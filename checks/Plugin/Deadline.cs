using System.Collections.Concurrent;

namespace StackFsck.Plugin;

/// <summary>
/// The <c>-t</c> budget for the whole run (connect, request, parse). When it runs out, a
/// dedicated watch thread prints which stage was under way and ends the process, whatever the
/// check's own thread is blocked in: a socket, a native library call, a slow parse. A check
/// that outlives its timeout would hold a scheduler slot and report nothing.
/// </summary>
public sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    // The watch thread blocks at once: spinning first would take a core from the check's own
    // work (or from a database server on the same machine) for nothing.
    private readonly ManualResetEventSlim _finished = new(false, spinCount: 0);
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly DateTime _end;
    private volatile string _stage = "starting";

    /// <param name="onExpiry">Prints the timeout output; returns true when it was the first to write.</param>
    public Deadline(TimeoutSetting timeout, Func<Deadline, bool> onExpiry)
    {
        Timeout = timeout;
        _end = DateTime.UtcNow.AddSeconds(timeout.Seconds);
        var watch = new Thread(() => Watch(onExpiry)) { IsBackground = true, Name = "deadline" };
        watch.Start();
    }

    public TimeoutSetting Timeout { get; }
    public string Stage => _stage;
    public CancellationToken Token => _cancel.Token;
    public bool Expired => _cancel.IsCancellationRequested;
    public TimeSpan Remaining => _end - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Names what the run is doing now, for the timeout message ("connecting to 10.0.0.5:3306").</summary>
    public void Enter(string stage) => _stage = stage;

    /// <summary>A line of what was measured so far, shown as long output if the deadline strikes.</summary>
    public void Note(string line) => _notes.Enqueue(line);

    public IEnumerable<string> Notes => _notes;

    public string Summary => $"timed out after {Perfdata.Number(Timeout.Seconds)} s while {Stage}";

    public void Dispose()
    {
        _finished.Set();
    }

    private void Watch(Func<Deadline, bool> onExpiry)
    {
        if (_finished.Wait(Remaining))
        {
            return;
        }

        _cancel.Cancel();
        if (onExpiry(this))
        {
            Environment.Exit((int)Timeout.State);
        }
    }
}
