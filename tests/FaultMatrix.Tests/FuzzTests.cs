using System.Text.RegularExpressions;

namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// A bounded argument fuzz with a fixed seed: option names read from each check's --help, values
/// from a pool of hostile texts. Whatever the vector, a check exits 0 to 3, prints no exception
/// or stack trace, and never the password. STACKFSCK_FUZZ_VECTORS and STACKFSCK_FUZZ_SEED make
/// a longer or different run (bench/fault_fuzz.sh).
/// </summary>
public sealed partial class FuzzTests
{
    private static readonly string[] Values =
    [
        "NaN", "Infinity", "-Infinity", "9999999999999", "3000000", "99999999999d", "-1", "0", "1", "2.5", ".5", "1e9", "0x10",
        "~:", "@", "@~:-5", "10:5", "-5:5", "~", ":", "", " ", "\u0001", "\u00fc\u00df", "/some/dir", "/dev/null", "%s%n%x", "${HOME}",
        "'; SELECT 1; --", "\"", "=", "-", "--", "-vvv", "::1", "[::1]", "256.256.256.256", "http://x", "a\nb", "CRITICAL", "10:LOUD",
        new string('9', 400), new string('a', 5000), "(?<", "(a+)+$", "[", "5m", "2h", "1d", "csv", "GET",
    ];

    private static readonly string[] Junk = ["--no-such-option", "stray", "-", "--", "-vvvvvvvv", "--timeout=NaN", "-t", "--list=", "-Zq"];

    [Fact]
    public void Fuzzed_arguments_never_crash_hang_or_leak()
    {
        int vectors = int.TryParse(Environment.GetEnvironmentVariable("STACKFSCK_FUZZ_VECTORS"), out int n) ? n : 300;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("STACKFSCK_FUZZ_SEED"), out int s) ? s : 14;
        var random = new Random(seed);
        Dictionary<string, Option[]> options = Checks.All.ToDictionary(check => check, OptionsOf);
        using var home = new TempHome();
        var failures = new List<string>();

        for (int i = 0; i < vectors && failures.Count < 10; i++)
        {
            string check = Checks.All[random.Next(Checks.All.Length)];
            List<string> args = Vector(random, options[check]);
            CheckRun run = Dist.Run(check, args, Checks.Environment(home.Path));
            if (Problem(run, args) is string problem)
            {
                failures.Add($"{check} {string.Join(' ', args.Select(Quote))}: {problem}\n{run}");
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n\n", failures));
    }

    private sealed record Option(string Name, bool TakesValue);

    /// <summary>One to four options with hostile values, sometimes junk; -t 2 unless the vector sets a timeout, so a valid vector cannot wait long.</summary>
    private static List<string> Vector(Random random, Option[] options)
    {
        var args = new List<string>();
        for (int count = random.Next(1, 5); count > 0; count--)
        {
            if (random.Next(10) == 0)
            {
                args.Add(Junk[random.Next(Junk.Length)]);
                continue;
            }

            Option option = options[random.Next(options.Length)];
            string value = Values[random.Next(Values.Length)];
            args.AddRange(!option.TakesValue ? [option.Name] : random.Next(4) == 0 ? [$"{option.Name}={value}"] : [option.Name, value]);
        }

        if (!args.Any(arg => arg.StartsWith("-t", StringComparison.Ordinal) || arg.StartsWith("--timeout", StringComparison.Ordinal)))
        {
            args.AddRange(["-t", "2"]);
        }

        return args;
    }

    /// <summary>What is wrong with a run, or null.</summary>
    private static string? Problem(CheckRun run, List<string> args)
    {
        bool debugging = args.Any(arg => Regex.IsMatch(arg, "^-v{3,}$")) || args.Count(arg => arg is "-v" or "--verbose" or "-vv") >= 2;
        string output = run.Stdout + (debugging ? "" : run.Stderr);
        return run.ExitCode is < 0 or > 3 ? $"exit {run.ExitCode}"
            : run.Stdout.Length == 0 ? "no output"
            : output.Contains("Exception") || output.Contains("   at ") ? "exception or stack trace"
            : run.Stdout.Contains("internal error") ? "internal error"
            : (run.Stdout + run.Stderr).Contains(Checks.Password) ? "the password"
            : null;
    }

    /// <summary>The check's options as its --help lists them (-h and -V left out: they end the run before anything else).</summary>
    private static Option[] OptionsOf(string check) =>
        HelpLine().Matches(Dist.Run(check, "--help").Stdout)
            .Select(match => new Option(match.Groups["name"].Value, match.Groups["value"].Success))
            .Where(option => option.Name is not ("--help" or "--version"))
            .ToArray();

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        ? "'" + Regex.Escape(arg) + "'"
        : arg.Length > 40 ? arg[..20] + $"...({arg.Length} chars)" : arg;

    [GeneratedRegex(@"^  (?:-\S, )*(?<name>--[a-z0-9-]+)(?:, -\S)*(?<value> <[^>]+>)?", RegexOptions.Multiline)]
    private static partial Regex HelpLine();
}
