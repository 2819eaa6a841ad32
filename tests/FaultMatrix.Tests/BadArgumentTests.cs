namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// Arguments out of their documented range, or not numbers the plugin guidelines allow (NaN,
/// infinities), are refused the same way by every check: one line, UNKNOWN, naming the option.
/// </summary>
public sealed class BadArgumentTests
{
    /// <summary>Every check has -t; these once crashed (exit 134), or ran with "U" seconds.</summary>
    private static readonly string[][] Common =
    [
        ["-t", "3000000"], ["-t", "Infinity"], ["-t", "9999999999999"], ["-t", "NaN"], ["-t", "0"], ["-t", "-5"], ["-t", "1e3"],
        ["-t", "86400.5"], ["-t", "10:LOUD"],
    ];

    /// <summary>Options only some checks have.</summary>
    private static readonly (string[] Checks, string[] Args)[] Specific =
    [
        (["check_nova_hypervisor", "check_nova_zombies", "check_openstack_orphans", "check_openstack_stuck", "check_rabbitmq_compute_queues", "check_keystone_accounts", "check_openstack_db_bloat"], ["--list", "-1"]),
        (["check_nova_hypervisor", "check_nova_zombies", "check_openstack_orphans", "check_openstack_stuck", "check_rabbitmq_compute_queues"], ["--list", "99999999999"]),
        (["check_openstack_stuck"], ["--instance-grace", "9999999d"]),
        (["check_openstack_stuck"], ["--service-down-time", "NaN"]),
        (["check_openstack_stuck"], ["--cinder-port", "-1"]),
        (["check_nova_hypervisor", "check_nova_zombies"], ["--grace", "99999999999d"]),
        (["check_nova_hypervisor", "check_nova_zombies"], ["--grace", "9999999d"]),
        (["check_nova_hypervisor", "check_nova_zombies"], ["--grace", "NaN"]),
        (["check_nova_hypervisor", "check_nova_zombies"], ["--grace", "-1h"]),
        (["check_nova_hypervisor", "check_nova_zombies"], ["--api-port", "0"]),
        (["check_nova_hypervisor", "check_nova_zombies"], ["--cell-port", "65536"]),
        (["check_openstack_orphans"], ["--neutron-port", "-1"]),
        (["check_keystone_revocations", "check_openstack_db_bloat", "check_keystone_accounts", "check_openstack_orphans", "check_openstack_stuck"], ["-P", "70000"]),
        (["check_rabbitmq_compute_queues"], ["-p", "0"]),
        (["check_rabbitmq_compute_queues"], ["-p", "99999999999"]),
        (["check_rabbitmq_compute_queues"], ["-H", ".5"]),
        (["check_rabbitmq_compute_queues"], ["-H", "/some/dir"]),
        (["check_rabbitmq_compute_queues"], ["-H", "rabbit\u0001one"]),
        (["check_rabbitmq_compute_queues"], ["-H", ""]),
        (["check_keystone_token_latency"], ["--count", "0"]),
        (["check_keystone_token_latency"], ["--count", "100001"]),
        (["check_keystone_token_latency"], ["--concurrency", "257"]),
        (["check_keystone_revocations"], ["--expiration", "99999999999"]),
        (["check_keystone_accounts"], ["--inactive-days", "2147483647"]),
        (["check_openstack_db_bloat"], ["--older-than", "99999999"]),
    ];

    /// <summary>Threshold ranges: the checks that have -w and further pairs.</summary>
    private static readonly string[][] Ranges =
    [
        ["-w", "NaN"], ["-w", "Infinity"], ["-w", "-Infinity:5"], ["-c", "5:NaN"], ["-c", "@~:Infinity"], ["-w", "10:5"], ["-w", "1e5"],
        ["-c", "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"],
    ];

    private static readonly string[] WithMainRange =
        ["check_keystone_revocations", "check_keystone_token_latency", "check_nova_hypervisor", "check_nova_zombies", "check_openstack_db_bloat", "check_openstack_orphans", "check_rabbitmq_compute_queues"];

    public static TheoryData<string, string[]> Cases()
    {
        var cases = new TheoryData<string, string[]>();
        foreach (string check in Checks.All)
        {
            Common.ToList().ForEach(args => cases.Add(check, args));
        }

        foreach (string check in WithMainRange)
        {
            Ranges.ToList().ForEach(args => cases.Add(check, args));
        }

        foreach ((string[] checks, string[] args) in Specific)
        {
            checks.ToList().ForEach(check => cases.Add(check, args));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Out_of_range_or_non_finite_values_are_one_unknown_line_naming_the_option(string check, string[] args)
    {
        using var home = new TempHome();

        CheckRun run = Dist.Run(check, args, Checks.Environment(home.Path));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith($"{Checks.Service(check)} UNKNOWN - bad arguments: ", run.FirstLine);
        Assert.Contains($"bad arguments: {LongName(args[0])}: ", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        Checks.AssertNoInternals(run);
    }

    private static string LongName(string option) => option switch
    {
        "-t" => "--timeout",
        "-w" => "--warning",
        "-c" => "--critical",
        "-P" or "-p" => "--port",
        "-H" => "--hostname",
        _ => option,
    };

    [Fact]
    public void Help_states_the_range_of_every_numeric_option_the_library_reads()
    {
        CheckRun zombies = Dist.Run("check_nova_zombies", "--help");
        CheckRun queues = Dist.Run("check_rabbitmq_compute_queues", "--help");

        Assert.Contains("(above 0, up to 86400)", zombies.Stdout);
        Assert.Matches(@"--list <N> +how many uuids the long output lists per category \(0 or more\)", zombies.Stdout);
        Assert.Contains("(0 to 3650d)", zombies.Stdout);
        Assert.Matches(@"--api-port <PORT> .*\(1 to 65535\)", zombies.Stdout);
        Assert.Matches(@"-p, --port <PORT> +management API port \(1 to 65535\)", queues.Stdout);
    }
}

/// <summary>A private HOME for one run, removed afterwards.</summary>
public sealed class TempHome : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fault-home");

    public string Path => _dir.FullName;

    public void Dispose() => _dir.Delete(recursive: true);
}
