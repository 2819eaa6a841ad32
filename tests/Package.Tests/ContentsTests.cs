using System.Text.RegularExpressions;

namespace StackFsck.Package.Tests;

/// <summary>What the .deb holds and declares, as dpkg and lintian see it.</summary>
[Collection(PackageCollection.Name)]
public class ContentsTests(InstalledPackage package)
{
    [Fact]
    public void Every_check_of_dist_is_installed_where_Nagios_looks_for_plugins_with_a_man_page()
    {
        HashSet<string> listed = package.Listed();

        Assert.NotEmpty(package.Checks);
        foreach (string check in package.Checks)
        {
            string dist = Path.Combine(Dist.Directory, check), installed = Path.Combine(InstalledPackage.Plugins, check);
            Assert.Contains(installed, listed);
            Assert.Equal(new FileInfo(dist).LinkTarget, new FileInfo(installed).LinkTarget);
            Assert.Equal(File.ReadAllBytes(dist), File.ReadAllBytes(installed));
            Assert.Contains($"/usr/share/man/man1/{check}.1.gz", listed);
        }
    }

    [Fact]
    public void Stackfsck_alerts_is_in_usr_bin_with_a_man_page_of_its_send_options()
    {
        HashSet<string> listed = package.Listed();
        Assert.Contains("/usr/bin/stackfsck-alerts", listed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dist.Directory, "stackfsck-alerts")), File.ReadAllBytes("/usr/bin/stackfsck-alerts"));

        CheckRun man = InstalledPackage.Run("sh", "-c", "zcat /usr/share/man/man1/stackfsck-alerts.1.gz");
        Assert.Contains("stackfsck-alerts", man.Stdout);
        Assert.Contains(@"\-\-statsd", man.Stdout);
    }

    [Fact]
    public void Stackfsck_remedy_is_beside_the_checks_with_a_man_page_of_every_action()
    {
        HashSet<string> listed = package.Listed();
        string installed = Path.Combine(InstalledPackage.Plugins, "stackfsck-remedy");
        Assert.Contains(installed, listed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dist.Directory, "stackfsck-remedy")), File.ReadAllBytes(installed));

        CheckRun man = InstalledPackage.Run("sh", "-c", "zcat /usr/share/man/man1/stackfsck-remedy.1.gz");
        Assert.Contains(@"stackfsck\-remedy handler", man.Stdout);
    }

    [Fact]
    public void The_remedy_output_folder_belongs_to_nagios_and_a_handler_run_as_nagios_with_the_defaults_journals_there()
    {
        Assert.True(Directory.Exists(InstalledPackage.RemedyFolder), $"the install made no {InstalledPackage.RemedyFolder}");
        Assert.Equal("nagios nagios", InstalledPackage.Run("stat", "-c", "%U %G", InstalledPackage.RemedyFolder).Stdout.Trim());

        // As Nagios runs a handler: its user, no --output-dir or --journal.
        string prefix = "pkg" + Guid.NewGuid().ToString("N")[..10];
        CheckRun run = InstalledPackage.Run("runuser", "-u", "nagios", "--", Path.Combine(InstalledPackage.Plugins, "stackfsck-remedy"), "handler",
            "--state", "CRITICAL", "--state-type", "HARD", "--attempt", "3", "--host", "cmp001", "--service", "nova compute zombies",
            "--environment", "prod", "--cell", "cell1", "--tracker", "https://tracker.example.net/browse/OPS-1234", "--expires", "2099-12-31",
            "--diagnose", "true", "--remedy", "true", "--statsd", StatsDAdmin.Target, "--prefix", prefix);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"\"outcome\":\"executed\"", File.ReadAllText(Path.Combine(InstalledPackage.RemedyFolder, "journal.jsonl")));
    }

    [Fact]
    public void The_templates_and_the_example_environment_are_installed_as_in_the_repository()
    {
        HashSet<string> listed = package.Listed();
        foreach ((string from, string to) in new[] { ("templates", "/usr/share/stackfsck/templates"), ("environments/example", "/usr/share/stackfsck/environments/example") })
        {
            string[] files = Directory.GetFiles(Path.Combine(Repo.Root, from), "*", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            foreach (string file in files)
            {
                string installed = Path.Combine(to, Path.GetRelativePath(Path.Combine(Repo.Root, from), file));
                Assert.Contains(installed, listed);
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(installed));
            }
        }
    }

    [Fact]
    public void The_cron_file_is_a_conffile_that_runs_nothing_until_uncommented()
    {
        string conffiles = InstalledPackage.Run("dpkg-query", "-W", "-f=${Conffiles}", InstalledPackage.Name).Stdout;

        Assert.Contains(InstalledPackage.CronFile + " ", conffiles);
        Assert.All(File.ReadAllLines(InstalledPackage.CronFile).Where(line => line.Trim().Length > 0), line => Assert.StartsWith("#", line));
    }

    [Fact]
    public void The_systemd_timer_runs_the_cron_lines_job_every_minute_and_is_shipped_disabled()
    {
        HashSet<string> listed = package.Listed();
        string service = Path.Combine(InstalledPackage.Units, "stackfsck-alerts.service"), timer = Path.Combine(InstalledPackage.Units, "stackfsck-alerts.timer");
        Assert.Contains(service, listed);
        Assert.Contains(timer, listed);

        Match cron = InstalledPackage.CronLine();
        string[] unit = File.ReadAllLines(service);
        Assert.Contains($"User={cron.Groups["user"].Value}", unit);
        Assert.Contains($"ExecStart={cron.Groups["command"].Value}", unit);
        Assert.Contains("OnCalendar=minutely", File.ReadAllLines(timer));
        Assert.False(File.Exists("/etc/systemd/system/timers.target.wants/stackfsck-alerts.timer"), "the timer is enabled at install");
        CheckRun verify = InstalledPackage.Run("systemd-analyze", "verify", "--man=no", service, timer);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public void Copyright_and_changelog_are_where_Debian_wants_them()
    {
        HashSet<string> listed = package.Listed();
        Assert.Contains("/usr/share/doc/stackfsck/copyright", listed);
        Assert.Contains("/usr/share/doc/stackfsck/changelog.gz", listed);
    }

    [Fact]
    public void Depends_names_the_libraries_the_executables_link_and_load()
    {
        string depends = InstalledPackage.Run("dpkg-deb", "-f", package.Deb, "Depends").Stdout;

        Assert.Contains("libc6 (>= ", depends);
        Assert.Contains("libmariadb3 (>= ", depends);
        Assert.Contains("libvirt0 (>= ", depends);
        Assert.Contains("libssl3", depends); // loaded at an https check's first handshake: named by hand
    }

    [Fact]
    public void The_version_of_the_package_is_the_version_every_executable_prints()
    {
        Assert.Equal($"{InstalledPackage.Name}_{package.Version}_amd64.deb", Path.GetFileName(package.Deb));
        Assert.Equal(package.Version, InstalledPackage.Run("dpkg-query", "-W", "-f=${Version}", InstalledPackage.Name).Stdout);
        foreach (string check in package.Checks)
        {
            CheckRun version = InstalledPackage.Run(Path.Combine(InstalledPackage.Plugins, check), "-V");
            Assert.Equal(3, version.ExitCode);
            Assert.StartsWith($"{check} (stackfsck) {package.Version}", version.Stdout);
        }

        Assert.StartsWith(package.Version, InstalledPackage.Run("/usr/bin/stackfsck-alerts", "--version").Stdout);
    }

    [Fact]
    public void Lintian_reports_no_error()
    {
        CheckRun lintian = Dist.RunProgram("lintian", ["--display-info", package.Deb], new Dictionary<string, string?>(), TimeSpan.FromMinutes(10));

        Assert.True(lintian.ExitCode == 0, lintian.ToString());
        Assert.DoesNotContain(lintian.Stdout.Split('\n'), line => line.StartsWith("E: ", StringComparison.Ordinal));
    }
}
