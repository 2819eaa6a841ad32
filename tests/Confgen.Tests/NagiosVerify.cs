using System.Diagnostics;

// nagios4, like the Nagios servers confgen renders for, is Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace StackFsck.Confgen.Tests;

/// <summary>
/// The real pre-flight: writes the smallest nagios.cfg that reads one rendered server tree (as
/// the server's nagios.cfg.lines ask: cfg_dir and resource_file) and runs `nagios4 -v` on it.
/// </summary>
internal static class NagiosVerify
{
    public static (int ExitCode, string Output) Run(string serverTree)
    {
        string dir = Directory.CreateTempSubdirectory("confgen-nagios-").FullName;
        try
        {
            // nagios4 drops to the nagios user: it must be able to write its check result directory.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
            File.WriteAllText(Path.Combine(dir, "resource.cfg"), "$USER1$=/usr/lib/nagios/plugins\n");
            File.WriteAllText(Path.Combine(dir, "nagios.cfg"), string.Join('\n',
                $"cfg_dir={serverTree}",
                $"resource_file={dir}/resource.cfg",
                $"check_result_path={dir}",
                $"lock_file={dir}/nagios.lock",
                $"log_file={dir}/nagios.log",
                $"temp_file={dir}/nagios.tmp",
                $"status_file={dir}/status.dat",
                $"state_retention_file={dir}/retention.dat",
                $"object_cache_file={dir}/objects.cache",
                $"precached_object_file={dir}/objects.precache",
                "illegal_macro_output_chars=`~$&|'\"<>",
                ""));
            var start = new ProcessStartInfo(Repo.Service("STACKFSCK_NAGIOS"), ["-v", Path.Combine(dir, "nagios.cfg")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(start)!;
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
