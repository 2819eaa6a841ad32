namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// Every shipped check, with the arguments that point it at one server port (its first network
/// stage) and the environment that keeps the runner's own credentials and files out.
/// </summary>
public static class Checks
{
    /// <summary>A password the tests hand to the checks; it must never appear in their output.</summary>
    public const string Password = "Fault-Matrix-Secret-7431";

    public static readonly string[] All =
    [
        "check_keystone_accounts", "check_keystone_revocations", "check_keystone_token_latency", "check_nova_hypervisor",
        "check_nova_zombies", "check_openstack_db_bloat", "check_openstack_orphans", "check_openstack_stuck", "check_rabbitmq_compute_queues",
    ];

    public static readonly string[] Database =
        ["check_keystone_accounts", "check_keystone_revocations", "check_openstack_db_bloat", "check_openstack_orphans", "check_openstack_stuck"];

    public static readonly string[] Http = ["check_keystone_token_latency", "check_rabbitmq_compute_queues"];

    /// <summary>The service word each check starts its output with.</summary>
    public static string Service(string check) => check switch
    {
        "check_keystone_accounts" => "KEYSTONE_ACCOUNTS",
        "check_keystone_revocations" => "KEYSTONE_REVOCATIONS",
        "check_keystone_token_latency" => "TOKEN_LATENCY",
        "check_nova_hypervisor" => "NOVA_HYPERVISOR",
        "check_nova_zombies" => "NOVA_ZOMBIES",
        "check_openstack_db_bloat" => "DB_BLOAT",
        "check_openstack_orphans" => "OPENSTACK_ORPHANS",
        "check_openstack_stuck" => "OPENSTACK_STUCK",
        "check_rabbitmq_compute_queues" => "COMPUTE_QUEUES",
        _ => throw new ArgumentException(check),
    };

    /// <summary>Arguments that send the check's first connection to 127.0.0.1:<paramref name="port"/>.</summary>
    public static string[] PointedAt(string check, int port) => check switch
    {
        "check_rabbitmq_compute_queues" => ["-H", "127.0.0.1", "-p", $"{port}"],
        "check_keystone_token_latency" => ["--os-auth-url", $"http://127.0.0.1:{port}/v3", "--os-username", "monitor", "--os-project-name", "admin", "--no-token-cache"],
        "check_nova_hypervisor" or "check_nova_zombies" => ["--libvirt-uri", "test:///default", "--skip-disks", "--host", "cmp1", "--api-host", "127.0.0.1", "--api-port", $"{port}", "--api-user", "monitor"],
        "check_openstack_db_bloat" => ["-H", "127.0.0.1", "-P", $"{port}", "-u", "monitor", "-d", "nova"],
        _ => ["-H", "127.0.0.1", "-P", $"{port}", "-u", "monitor"],
    };

    /// <summary>No OS_* or RABBITMQ_* variable of the runner, a private HOME; the password where each check reads it from the environment.</summary>
    public static Dictionary<string, string?> Environment(string home)
    {
        var variables = new Dictionary<string, string?>();
        foreach (string name in System.Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (name.StartsWith("OS_", StringComparison.Ordinal) || name.StartsWith("RABBITMQ_", StringComparison.Ordinal))
            {
                variables[name] = null;
            }
        }

        variables["HOME"] = home;
        variables["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        variables["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        variables["RABBITMQ_USERNAME"] = "monitor";
        variables["RABBITMQ_PASSWORD"] = Password;
        variables["OS_PASSWORD"] = Password;
        return variables;
    }

    /// <summary>
    /// What must never reach an operator: a stack trace, .NET's own exception names, the
    /// password. Only -vvv may write an exception chain to standard error, for whoever debugs by hand.
    /// </summary>
    public static void AssertNoInternals(CheckRun run, bool debugging = false)
    {
        Assert.False(run.Stdout.Contains("Exception") || run.Stdout.Contains("   at ") || run.Stdout.Contains("internal error"), run.ToString());
        Assert.False(!debugging && (run.Stderr.Contains("Exception") || run.Stderr.Contains("   at ")), run.ToString());
        Assert.DoesNotContain(Password, run.Stdout + run.Stderr);
    }
}
