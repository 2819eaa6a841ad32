using System.Diagnostics;
using System.Globalization;

namespace StackFsck.Tests;

/// <summary>
/// A real Icinga 2 daemon in the foreground on an <see cref="Icinga2Prefix"/>, stopped with
/// SIGTERM as systemd stops it (the state file is written then). With a clock offset it runs
/// under faketime, so a test can start it seconds before an hour and watch what Icinga does at
/// the hour (the compat log's hourly rotation) without waiting for it.
/// </summary>
public sealed class Icinga2Daemon : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public Icinga2Daemon(Icinga2Prefix prefix, TimeSpan? clockOffset = null)
    {
        var start = new ProcessStartInfo(Repo.Service("STACKFSCK_ICINGA2"), ["daemon", .. prefix.Arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (clockOffset is { } offset)
        {
            // libfaketime preloaded (not the faketime wrapper, which would stand between this pid and the daemon's).
            start.Environment["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
            start.Environment["FAKETIME"] = (offset < TimeSpan.Zero ? "-" : "+") + Math.Abs((long)offset.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
            // Icinga also waits on the monotonic clock: faking it too would stall the timers it wakes on.
            start.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the daemon printed (its log, in the foreground), for a failing test's message.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds or the limit passes (or the daemon died); returns whether it held.</summary>
    public bool WaitFor(Func<bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > limit || _process.HasExited)
            {
                _process.WaitForExit(TimeSpan.FromSeconds(1)); // an exited daemon's last lines reach Output
                return false;
            }

            Thread.Sleep(250);
        }

        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (Process? term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                term?.WaitForExit();
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
