namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// What the workaround handler tests of both engines render and run: one host, and two workaround
/// services whose check is always CRITICAL (leak_current, tracker OPS-1, current; leak_expired,
/// OPS-2, expired), each naming a diagnostics and a remedy command; stackfsck-remedy from dist/
/// keeps its runs and journal in <see cref="Remedies"/>.
/// </summary>
internal sealed class WorkaroundServices : IDisposable
{
    public const string Host = "ctl1.e2e.test";

    public WorkaroundServices()
    {
        // The daemon and its handlers may run as the nagios user: they write the log, the runs' output and the journal here.
        File.SetUnixFileMode(Work, (UnixFileMode)0b111_111_111);
        Directory.CreateDirectory(Remedies);
        File.SetUnixFileMode(Remedies, (UnixFileMode)0b111_111_111);
    }

    public string Work { get; } = Directory.CreateTempSubdirectory("stackfsck-e2e-remedy-").FullName;

    public string Remedies => Path.Combine(Work, "remedy");

    public void Dispose() => Directory.Delete(Work, recursive: true);

    public string WriteInventory()
    {
        string folder = Directory.CreateDirectory(Path.Combine(Work, "inventory")).FullName;
        File.WriteAllText(Path.Combine(folder, "e2e.yaml"), $$"""
            environment: e2e
            servers:
              - {name: nagios.e2e.test, class: mixed}
            contacts:
              - {name: e2e-ops, email: ops@e2e.test}
            global:
              hosts:
                - {name: {{Host}}, address: 127.0.0.1, roles: [keystone]}

            """);
        return folder;
    }

    /// <summary>
    /// The repository's templates (intervals at 3 s when <paramref name="fast"/>, for Icinga 2) and the
    /// two workaround services, both with <paramref name="options"/> as their _WORKAROUND_OPTIONS.
    /// </summary>
    public string WriteTemplates(string options, bool fast)
    {
        string templates = TestCloud.CopyTemplates(Path.Combine(Work, "templates"), fast);
        // The check is a command of the catalog, which Icinga 2's CheckCommands are built from.
        File.AppendAllText(Path.Combine(templates, "common", "commands.yaml"), """
              - name: e2e_leak
                check: check_dummy
                fixed: ['2', leak]

            """);
        File.WriteAllText(Path.Combine(templates, "global", "workarounds.cfg.hbs"), $$"""
            # Workarounds of the end-to-end test: a leak that is always there, one workaround current, one expired.
            define command {
                command_name    e2e_diagnose
                command_line    /bin/echo diagnosing $ARG1$ on $HOSTNAME$
            }

            define command {
                command_name    e2e_remedy
                command_line    /bin/echo remedied $ARG1$
            }

            define service {
                use                     stackfsck-service
                host_name               {{Host}}
                service_description     leak_current
                check_command           e2e_leak
                _WORKAROUND_URL         https://tracker.e2e.test/browse/OPS-1
                _WORKAROUND_EXPIRES     2099-12-31
                _ROOT_CAUSE_DIAGNOSED   0
                _WORKAROUND_DIAGNOSE    e2e_diagnose!leak
                _WORKAROUND_REMEDY      e2e_remedy!leak
                _WORKAROUND_OPTIONS     {{options}}
            }

            define service {
                use                     stackfsck-service
                host_name               {{Host}}
                service_description     leak_expired
                check_command           e2e_leak
                _WORKAROUND_URL         https://tracker.e2e.test/browse/OPS-2
                _WORKAROUND_EXPIRES     2020-01-31
                _ROOT_CAUSE_DIAGNOSED   0
                _WORKAROUND_DIAGNOSE    e2e_diagnose!leak
                _WORKAROUND_REMEDY      e2e_remedy!leak
                _WORKAROUND_OPTIONS     {{options}}
            }

            """);
        return templates;
    }

    /// <summary>stackfsck-remedy from dist/ and the monitoring-plugins these services use: $USER1$, or Icinga's PluginDir.</summary>
    public string Plugins()
    {
        string plugins = Directory.CreateDirectory(Path.Combine(Work, "plugins")).FullName;
        File.Copy(Dist.PathOf("stackfsck-remedy"), Path.Combine(plugins, "stackfsck-remedy"));
        foreach (string plugin in new[] { "check_dummy", "check_ping" })
        {
            File.CreateSymbolicLink(Path.Combine(plugins, plugin), Path.Combine("/usr/lib/nagios/plugins", plugin));
        }

        return plugins;
    }
}
