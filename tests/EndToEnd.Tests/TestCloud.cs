using System.Globalization;
using System.Text.RegularExpressions;

namespace StackFsck.EndToEnd.Tests;

/// <summary>
/// A cloud of the example's shape on the test tier, for the end-to-end tests of both engines:
/// a mixed server, a top-level broker and a cell broker (scratch vhosts of the test RabbitMQ), a
/// keystone database (a scratch MariaDB schema), two hypervisors whose "ssh" port is MariaDB's,
/// which listens on 127.0.0.1 only: cmp1 answers, cmp2 (127.0.0.9: nothing listens there) is dead.
/// </summary>
internal sealed partial class TestCloud : IAsyncDisposable
{
    public const string Dead = "cmp2.e2e.test";

    /// <summary>The xunit collection of the tests that run a monitoring daemon: they run one after the other.</summary>
    public const string Daemons = "monitoring daemons";

    private TestCloud(string work, Broker top, Broker cell, ScratchDatabase keystone)
    {
        Work = work;
        Top = top;
        Cell = cell;
        Keystone = keystone;
    }

    public string Work { get; }

    public Broker Top { get; }

    public Broker Cell { get; }

    public ScratchDatabase Keystone { get; }

    public static async Task<TestCloud> CreateAsync()
    {
        string work = Directory.CreateTempSubdirectory("stackfsck-e2e-").FullName;
        // nagios4 drops to the nagios user, which must read the tree and write its log here.
        File.SetUnixFileMode(work, (UnixFileMode)0b111_111_111);
        return new TestCloud(work, await Broker.CreateAsync(), await Broker.CreateAsync(), new ScratchDatabase("e2e_keystone", "keystone"));
    }

    /// <summary>The problems: a compute queue holding messages nobody consumes, revocation events past the rendered warning (5000); no scheduler queue is declared at all.</summary>
    public async Task ProvokeAsync()
    {
        await Cell.DeclareAsync("compute.cmp1", 5);
        Keystone.Execute("INSERT INTO revocation_event (user_id, issued_before, revoked_at) SELECT 'u', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_1_to_5001");
    }

    /// <summary>Writes the inventory, watched by one mixed server unless <paramref name="servers"/> (YAML flow mappings) says otherwise; returns its folder.</summary>
    public string WriteInventory(params string[] servers)
    {
        if (servers.Length == 0)
        {
            servers = ["{name: nagios.e2e.test, class: mixed}"];
        }

        string rabbitmq = Path.Combine(Work, "rabbitmq.ini");
        File.WriteAllText(rabbitmq, "username=guest\npassword=guest\n");
        string credentials = NagiosOwned(rabbitmq);
        string keystoneOptions = NagiosOwned(Keystone.ReadOnly);
        string port = Broker.Api.Port.ToString(CultureInfo.InvariantCulture);
        string folder = Directory.CreateDirectory(Path.Combine(Work, "inventory")).FullName;
        File.WriteAllText(Path.Combine(folder, "e2e.yaml"), $$"""
            environment: e2e
            servers:
              - {{string.Join("\n  - ", servers)}}
            contacts:
              - {name: e2e-ops, email: ops@e2e.test}
            global:
              hosts:
                - {name: ctl1.e2e.test, address: 127.0.0.1, roles: [keystone, rabbitmq, database]}
              rabbitmq:
                - {host: ctl1.e2e.test, port: {{port}}, vhost: {{Top.Vhost}}, credentials_file: {{credentials}} }
              databases:
                - {name: keystone, database: {{Keystone.Name}}, host: ctl1.e2e.test, defaults_file: {{keystoneOptions}} }
            cells:
              cell1:
                hosts:
                  - {name: cond1.e2e.test, address: 127.0.0.1, roles: [nova-conductor, rabbitmq]}
                rabbitmq:
                  - {host: cond1.e2e.test, port: {{port}}, vhost: {{Cell.Vhost}}, credentials_file: {{credentials}} }
                hypervisors:
                  - {name: cmp1.e2e.test, address: 127.0.0.1, vars: {SSH_PORT: {{ScratchDatabase.Port}} } }
                  - {name: {{Dead}}, address: 127.0.0.9, vars: {SSH_PORT: {{ScratchDatabase.Port}} } }

            """);
        return folder;
    }

    /// <summary>The checks built for this run, and the monitoring-plugins the templates use beside them: $USER1$, or Icinga's PluginDir.</summary>
    public string Plugins()
    {
        string plugins = Directory.CreateDirectory(Path.Combine(Work, "plugins")).FullName;
        foreach (string check in Directory.GetFiles(Repo.Service("STACKFSCK_DIST"), "check_*"))
        {
            File.Copy(check, Path.Combine(plugins, Path.GetFileName(check)), overwrite: true);
        }

        foreach (string plugin in new[] { "check_tcp", "check_ssh", "check_ping" })
        {
            string link = Path.Combine(plugins, plugin);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine("/usr/lib/nagios/plugins", plugin));
            }
        }

        return plugins;
    }

    /// <summary>
    /// The repository's templates with every check and retry interval at 0.05 minutes (3 s): Icinga 2 has
    /// no interval_length, so the Icinga tests render with these to see in seconds what takes minutes on a server.
    /// </summary>
    public string FastTemplates() => CopyTemplates(Path.Combine(Work, "templates"), fast: true);

    /// <summary>Copies the repository's templates into <paramref name="copy"/>, with every check and retry interval at 3 s when <paramref name="fast"/>; returns the copy.</summary>
    public static string CopyTemplates(string copy, bool fast)
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Repo.Root, "templates"), "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(Path.Combine(Repo.Root, "templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            string text = File.ReadAllText(file);
            File.WriteAllText(target, fast ? Interval().Replace(text, "${key}${gap}0.05") : text);
        }

        return copy;
    }

    public static CheckRun Confgen(params string[] args) =>
        Dist.RunProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, "confgen.dll"), .. args], new Dictionary<string, string?>());

    public async ValueTask DisposeAsync()
    {
        Keystone.Dispose();
        await Cell.DisposeAsync();
        await Top.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>
    /// A copy of a credentials file as a monitoring server keeps it: owned by the nagios user that
    /// runs the checks, mode 0600 (the checks warn about one others can read).
    /// </summary>
    private string NagiosOwned(string source)
    {
        string copy = Path.Combine(Directory.CreateDirectory(Path.Combine(Work, "private")).FullName, Path.GetFileName(source));
        CheckRun install = Dist.RunProgram("install", ["-o", "nagios", "-g", "nagios", "-m", "0600", source, copy], new Dictionary<string, string?>());
        Assert.True(install.ExitCode == 0, install.ToString());
        return copy;
    }

    [GeneratedRegex(@"(?<key>(?:check|retry)_interval)(?<gap>\s+)\d+")]
    private static partial Regex Interval();
}
