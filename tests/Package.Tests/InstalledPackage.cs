using System.Text.RegularExpressions;

namespace StackFsck.Package.Tests;

/// <summary>
/// The package as an operator gets it: built once by <c>make deb</c> (into dist/, beside the
/// executables the other tests run), installed with <c>dpkg -i</c> on this machine (after purging
/// one an interrupted run left), and purged when the tests are done.
/// </summary>
public sealed partial class InstalledPackage : IDisposable
{
    public const string Name = "stackfsck";
    public const string Plugins = "/usr/lib/nagios/plugins";
    public const string CronFile = "/etc/cron.d/stackfsck-alerts";
    public const string Units = "/lib/systemd/system";

    /// <summary>stackfsck-remedy's output folder and journal: made by the postinst for nagios, removed by a purge.</summary>
    public const string RemedyFolder = "/var/lib/stackfsck-remedy";

    /// <summary>Where the package puts files: after a purge nothing of ours may be left in them.</summary>
    private static readonly string[] Watched =
        [Plugins, "/usr/bin", "/usr/share/stackfsck", "/usr/share/doc/stackfsck", "/usr/share/man/man1", "/etc/cron.d", Units, "/etc/systemd/system", "/var/lib/systemd", "/var/lib/dpkg/info"];

    public InstalledPackage()
    {
        Version = Run("dpkg-parsechangelog", "-l", Path.Combine(Repo.Root, "debian", "changelog"), "-S", "Version").Stdout.Trim();
        Deb = Path.Combine(Dist.Directory, $"{Name}_{Version}_amd64.deb");
        File.Delete(Deb);
        // Builds whatever of dist/ is missing first (a partial tests/run builds only some checks).
        CheckRun build = Dist.RunProgram("make", ["--no-print-directory", "-C", Repo.Root, "deb", $"DIST={Dist.Directory}", $"ARTIFACTS={Environment.GetEnvironmentVariable("ARTIFACTS")}"],
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(40));
        if (build.ExitCode != 0 || !File.Exists(Deb))
        {
            throw new InvalidOperationException($"make deb failed: {build}");
        }

        Checks = Directory.GetFiles(Dist.Directory, "check_*").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
        if (IsInstalled)
        {
            Dpkg("--purge", Name);
        }

        Before = Ours();
        DirectoriesBefore = Contents().Where(Directory.Exists).ToHashSet();
        CheckRun install = Install();
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"dpkg -i failed: {install}");
        }
    }

    /// <summary>debian/changelog's version, the one place it is written.</summary>
    public string Version { get; }

    public string Deb { get; }

    /// <summary>The checks in dist/ (links included), every one of which the package must hold.</summary>
    public IReadOnlyList<string> Checks { get; }

    /// <summary>Our files in the watched folders before the install (a clean machine has none).</summary>
    public HashSet<string> Before { get; }

    /// <summary>The package's directories that existed before it was installed (/usr/bin, /etc/cron.d...): a purge leaves them.</summary>
    public HashSet<string> DirectoriesBefore { get; }

    public bool IsInstalled => Run("dpkg-query", "-W", "-f=${db:Status-Status}", Name).Stdout is "installed" or "config-files";

    public CheckRun Install() => Dpkg("-i", Deb);

    public CheckRun Purge() => Dpkg("--purge", Name);

    /// <summary><c>dpkg -L</c>: every path the installed package owns.</summary>
    public HashSet<string> Listed()
    {
        CheckRun list = Run("dpkg", "-L", Name);
        return list.ExitCode == 0 ? list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : [];
    }

    /// <summary>The paths in the .deb (<c>dpkg-deb -c</c>), absolute.</summary>
    public IEnumerable<string> Contents() => Run("dpkg-deb", "-c", Deb).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => ContentPath().Match(line).Groups[1].Value.TrimEnd('/'))
        .Where(path => path.Length > 0);

    /// <summary>Files and folders in the watched places that are ours by name: stackfsck anything, or one of our checks (and its man page).</summary>
    public HashSet<string> Ours() => Watched.Where(Directory.Exists)
        .SelectMany(dir => Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories))
        .Where(path => path.Contains(Name, StringComparison.Ordinal) || Checks.Any(check => Path.GetFileName(path).StartsWith(check, StringComparison.Ordinal)))
        .ToHashSet();

    /// <summary>The shipped cron file's one (commented-out) entry: groups user and command.</summary>
    public static Match CronLine() => File.ReadAllLines(CronFile).Select(line => CronEntry().Match(line)).Single(m => m.Success);

    public static CheckRun Run(string program, params string[] args) => Dist.RunProgram(program, args, new Dictionary<string, string?>());

    /// <summary>dpkg, waiting while another package manager (a test run installing its servers) holds dpkg's lock.</summary>
    public static CheckRun Dpkg(params string[] args)
    {
        for (int attempt = 0; ; attempt++)
        {
            CheckRun run = Dist.RunProgram("dpkg", args, new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" });
            if (run.ExitCode == 0 || !run.Stderr.Contains("lock", StringComparison.Ordinal) || attempt == 90)
            {
                return run;
            }

            Thread.Sleep(TimeSpan.FromSeconds(2));
        }
    }

    public void Dispose() => Purge();

    /// <summary>A commented-out cron.d entry: five time fields, the user, the command.</summary>
    [GeneratedRegex(@"^#\s*(?:[\d*/,-]+\s+){5}(?<user>\S+)\s+(?<command>/\S+.*)$")]
    private static partial Regex CronEntry();

    /// <summary>A line of <c>dpkg-deb -c</c>: mode, owner, size, date, time, ./path (and " -> target" for a link).</summary>
    [GeneratedRegex(@"^\S+ \S+ +\d+ \S+ \S+ \.(\S*)")]
    private static partial Regex ContentPath();
}
