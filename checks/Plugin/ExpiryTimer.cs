using System.Runtime.InteropServices;

namespace StackFsck.Plugin;

/// <summary>
/// Calls back once after a delay: a kernel timer (timer_create(2), SIGEV_THREAD) whose expiry
/// glibc runs on a thread it starts when the timer fires. glibc's own helper thread, which waits
/// for the expiry signal, starts with the process's first such timer without anyone waiting for
/// it to run (perf put its start near 1 % of a query check's run; one without the timer measured
/// no faster, 300 paired runs). A managed watch thread started at every
/// run instead cost about 3 % of a one-GET check's CPU time and more of its wall time, since
/// Thread.Start waits until the new thread runs (perf over 300 runs of bench/http_single.sh's check).
/// </summary>
/// <remarks>
/// glibc runs the callback with every signal blocked, the runtime's GC activation signal too: a
/// collection started meanwhile waits until the callback next calls out (its write) or allocates
/// anew. What runs there is short: a line formatted, written, and the process ended.
/// </remarks>
internal sealed unsafe partial class ExpiryTimer : IDisposable
{
    private const int MonotonicClock = 1; // CLOCK_MONOTONIC: a change of the wall clock moves no deadline
    private const int NotifyByThread = 2; // SIGEV_THREAD

    // The callback gets a number, not an object: a timer deleted while its callback already ran
    // finds nothing under its number, where a freed GCHandle would point anywhere.
    private static readonly Dictionary<nint, Action> Armed = [];
    private static readonly Lock Guard = new();
    private static nint _lastNumber;

    private readonly nint _number;
    private readonly nint _timer;
    private int _deleted;

    /// <exception cref="CheckException">The system refused a timer (no memory, or no thread for its expiry).</exception>
    public ExpiryTimer(TimeSpan after, Action expire)
    {
        lock (Guard)
        {
            _number = ++_lastNumber;
            Armed[_number] = expire;
        }

        var notify = new SignalEvent { Value = _number, Notify = NotifyByThread, Function = &Fire };
        nint timer;
        long ticks = Math.Max(after.Ticks, 1); // zero would disarm the timer: a spent deadline fires at once
        var when = new TimerSpec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        if (timer_create(MonotonicClock, &notify, &timer) != 0)
        {
            Forget();
            throw new CheckException($"cannot set the timeout: timer_create failed ({Marshal.GetLastPInvokeErrorMessage()})");
        }

        _timer = timer;
        timer_settime(_timer, 0, &when, null);
    }

    /// <summary>Disarms the timer; once only, since glibc frees a SIGEV_THREAD timer's state at its deletion.</summary>
    public void Dispose()
    {
        Forget();
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            timer_delete(_timer);
        }
    }

    private void Forget()
    {
        lock (Guard)
        {
            Armed.Remove(_number);
        }
    }

    [UnmanagedCallersOnly]
    private static void Fire(nint number)
    {
        Action? expire;
        lock (Guard)
        {
            Armed.Remove(number, out expire);
        }

        expire?.Invoke();
    }

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int timer_create(int clock, SignalEvent* notify, nint* timer);

    [LibraryImport("libc.so.6")]
    private static partial int timer_settime(nint timer, int flags, TimerSpec* value, TimerSpec* old);

    [LibraryImport("libc.so.6")]
    private static partial int timer_delete(nint timer);

    /// <summary>struct sigevent on Linux x86-64 and arm64 (64 bytes): what to do at expiry.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct SignalEvent
    {
        [FieldOffset(0)]
        public nint Value;

        [FieldOffset(12)]
        public int Notify;

        [FieldOffset(16)]
        public delegate* unmanaged<nint, void> Function;
    }

    /// <summary>struct itimerspec: no interval (it fires once), then the delay.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimerSpec
    {
        public long IntervalSeconds;
        public long IntervalNanoseconds;
        public long Seconds;
        public long Nanoseconds;
    }
}
