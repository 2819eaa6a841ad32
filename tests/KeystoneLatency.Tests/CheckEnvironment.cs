using System.Collections;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>
/// A private HOME (with XDG config and cache folders) and OS_* variables for running the check:
/// nothing leaks in from the machine's own clouds.yaml or the runner's environment.
/// </summary>
public sealed class CheckEnvironment : IDisposable
{
    public const string Check = "check_keystone_token_latency";

    private CheckEnvironment(Dictionary<string, string?> variables)
    {
        Variables = variables;
        Directory.CreateDirectory(ConfigDir);
        Directory.CreateDirectory(CacheHome);
        variables["HOME"] = Home;
        variables["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        variables["XDG_CACHE_HOME"] = CacheHome;
    }

    public string Home { get; } = Directory.CreateTempSubdirectory("keystone-latency-").FullName;

    /// <summary>Where openstacksdk looks for clouds.yaml in this HOME.</summary>
    public string ConfigDir => Path.Combine(Home, ".config", "openstack");

    public string CacheHome => Path.Combine(Home, ".cache");

    public Dictionary<string, string?> Variables { get; }

    /// <summary>No credentials at all: only what a test adds.</summary>
    public static CheckEnvironment Empty()
    {
        var variables = new Dictionary<string, string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("OS_", StringComparison.Ordinal))
            {
                variables[name] = null;
            }
        }

        return new CheckEnvironment(variables);
    }

    /// <summary>The OS_* variables an operator sources from an openrc file for <paramref name="keystone"/>.</summary>
    public static CheckEnvironment OpenRc(FakeKeystone keystone, string password = FakeKeystone.Password)
    {
        CheckEnvironment environment = Empty();
        environment.Variables["OS_AUTH_URL"] = keystone.AuthUrl;
        environment.Variables["OS_USERNAME"] = FakeKeystone.User;
        environment.Variables["OS_PASSWORD"] = password;
        environment.Variables["OS_PROJECT_NAME"] = "admin";
        environment.Variables["OS_USER_DOMAIN_NAME"] = "Default";
        environment.Variables["OS_PROJECT_DOMAIN_NAME"] = "Default";
        return environment;
    }

    /// <summary>
    /// Runs the check. Unless a test sets -w or -c itself, the latency thresholds are off: on a
    /// busy test machine a stall must not turn a test of something else into a WARNING.
    /// </summary>
    public CheckRun Run(params string[] args) =>
        Dist.Run(Check, args.Contains("-w") || args.Contains("-c") ? args : [.. args, "-w", "~:", "-c", "~:"], Variables);

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
