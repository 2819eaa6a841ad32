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

    /// <summary>The OS_* variables an operator sources from an openrc file.</summary>
    public static CheckEnvironment OpenRc(string authUrl, string user, string password, string project)
    {
        CheckEnvironment environment = Empty();
        environment.Variables["OS_AUTH_URL"] = authUrl;
        environment.Variables["OS_USERNAME"] = user;
        environment.Variables["OS_PASSWORD"] = password;
        environment.Variables["OS_PROJECT_NAME"] = project;
        environment.Variables["OS_USER_DOMAIN_NAME"] = "Default";
        environment.Variables["OS_PROJECT_DOMAIN_NAME"] = "Default";
        return environment;
    }

    /// <summary>
    /// The admin openrc of the real Keystone of the test tier. Its runs get -t 50 unless a test
    /// sets -t: under load on a shared machine Keystone's validations take seconds each.
    /// </summary>
    public static CheckEnvironment RealKeystone(string? password = null)
    {
        CheckEnvironment environment = OpenRc(KeystoneApi.Url, KeystoneApi.AdminUser, password ?? KeystoneApi.AdminPassword, KeystoneApi.AdminProject);
        environment.DefaultTimeout = "50";
        return environment;
    }

    /// <summary>The -t given to runs that set none (null: the check's own default).</summary>
    public string? DefaultTimeout { get; private set; }

    public static CheckEnvironment OpenRc(HandMadeKeystone keystone, string password = HandMadeKeystone.Password) =>
        OpenRc(keystone.AuthUrl, HandMadeKeystone.User, password, "admin");

    /// <summary>
    /// Runs the check. Unless a test sets -w or -c itself, the latency thresholds are off: on a
    /// busy test machine a stall must not turn a test of something else into a WARNING.
    /// </summary>
    public CheckRun Run(params string[] args) => RunFor(TimeSpan.FromSeconds(60), args);

    /// <summary>Runs the check with a longer limit than Dist's 60 s (long runs on a busy machine).</summary>
    public CheckRun RunFor(TimeSpan limit, params string[] args) => Dist.Run(Check, WithDefaults(args), Variables, limit);

    /// <summary>
    /// Runs the check under libfaketime with this host's clock moved by <paramref name="offset"/>
    /// (e.g. "+2h"). Only the wall clock moves: the monotonic clock, and the timed waits of the
    /// check's deadline, keep real time.
    /// </summary>
    public CheckRun RunWithClock(string offset, params string[] args)
    {
        var variables = new Dictionary<string, string?>(Variables) { ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1", ["FAKETIME_FORCE_MONOTONIC_FIX"] = "0" };
        return Dist.RunProgram("faketime", ["-f", offset, Dist.PathOf(Check), .. WithDefaults(args)], variables);
    }

    private string[] WithDefaults(string[] args)
    {
        string[] thresholds = args.Contains("-w") || args.Contains("-c") ? [] : ["-w", "~:", "-c", "~:"];
        string[] timeout = DefaultTimeout is null || args.Contains("-t") ? [] : ["-t", DefaultTimeout];
        return [.. args, .. thresholds, .. timeout];
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
