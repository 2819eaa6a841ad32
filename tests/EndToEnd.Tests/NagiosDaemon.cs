using System.Diagnostics;

// nagios4, like the Nagios servers confgen renders for, is Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// A real nagios4 daemon, in the foreground, running one rendered server tree with the lines its
/// nagios.cfg.lines asks for. Time runs fast (interval_length 2: a "minute" of the templates is 2
/// seconds) and every check starts at once, so what takes minutes on a server takes seconds here.
/// Stopped with SIGTERM, as systemd stops it.
/// </summary>
internal sealed class NagiosDaemon : IDisposable
{
    private const int IntervalSeconds = 2;
    private readonly Process process;

    public NagiosDaemon(string directory, string serverTree, string pluginDirectory)
    {
        Log = Path.Combine(directory, "nagios.log");
        string spool = Directory.CreateDirectory(Path.Combine(directory, "spool")).FullName;
        File.SetUnixFileMode(spool, (UnixFileMode)0b111_111_111);
        File.WriteAllText(Path.Combine(directory, "resource.cfg"), $"$USER1$={pluginDirectory}\n");
        // What the server's nagios.cfg.lines ask for, with the tree and resource file of this test.
        IEnumerable<string> asked = File.ReadAllLines(Path.Combine(serverTree, "nagios.cfg.lines"))
            .Where(line => line.Contains('=') && !line.StartsWith('#') && !line.StartsWith("cfg_dir=") && !line.StartsWith("resource_file="));
        File.WriteAllLines(Path.Combine(directory, "nagios.cfg"), [
            $"cfg_dir={serverTree}",
            $"resource_file={directory}/resource.cfg",
            .. asked,
            $"log_file={Log}",
            $"check_result_path={spool}",
            $"lock_file={directory}/nagios.lock",
            $"temp_file={directory}/nagios.tmp",
            $"temp_path={directory}",
            $"status_file={directory}/status.dat",
            $"state_retention_file={directory}/retention.dat",
            $"object_cache_file={directory}/objects.cache",
            $"precached_object_file={directory}/objects.precache",
            $"command_file={directory}/nagios.cmd",
            $"query_socket={directory}/nagios.qh",
            "check_external_commands=0",
            "retain_state_information=0",
            "use_syslog=0",
            $"interval_length={IntervalSeconds}",
            "max_service_check_spread=1",
            "max_host_check_spread=1",
            "service_inter_check_delay_method=n",
            "host_inter_check_delay_method=n",
            // The cache horizons are real seconds (15 by default): at this speed they would swallow
            // the host's retry, which on a real server comes a minute later.
            "cached_host_check_horizon=0",
            "cached_service_check_horizon=0",
            "illegal_macro_output_chars=`~$&|'\"<>",
        ]);
        var start = new ProcessStartInfo("/usr/sbin/nagios4", [Path.Combine(directory, "nagios.cfg")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Log { get; }

    public string[] LogLines() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    /// <summary>Polls nagios.log until <paramref name="done"/> holds for its lines, or the limit passes; returns the last lines read.</summary>
    public string[] WaitFor(Func<string[], bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        string[] lines = LogLines();
        while (!done(lines) && clock.Elapsed < limit && !process.HasExited)
        {
            Thread.Sleep(500);
            lines = LogLines();
        }

        return lines;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            using (Process? term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term?.WaitForExit();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }
}
