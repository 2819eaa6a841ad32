using System.Diagnostics;

namespace StackFsck.Tests;

/// <summary>Runs the shipped check binaries from dist/ (built by tests/run) as Nagios would: a process, argv, environment.</summary>
public static class Dist
{
    public static string Directory => Environment.GetEnvironmentVariable("STACKFSCK_DIST") ?? Path.Combine(Repo.Root, "dist");

    public static string PathOf(string check)
    {
        string path = Path.Combine(Directory, check);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build it with 'make dist' (tests/run does)");
    }

    public static CheckRun Run(string check, params string[] args) => Run(check, args, new Dictionary<string, string?>());

    /// <summary>Runs a check with extra environment variables (a null value removes one). A run that outlives 60 s is killed and fails the test.</summary>
    public static CheckRun Run(string check, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment) =>
        RunProgram(PathOf(check), args, environment);

    /// <summary>The same with another limit than 60 s, for long runs (hundreds of requests to a real server).</summary>
    public static CheckRun Run(string check, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan limit) =>
        RunProgram(PathOf(check), args, environment, limit);

    /// <summary>Runs any program the same way (argv, environment, 60 s limit): e.g. <c>dotnet confgen.dll</c>.</summary>
    public static CheckRun RunProgram(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan? limit = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        TimeSpan wait = limit ?? TimeSpan.FromSeconds(60);
        if (!process.WaitForExit(wait))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than {wait.TotalSeconds} s");
        }

        return new CheckRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
