namespace StackFsck.Remedy.Tests;

/// <summary>The command line of the shipped executable: its help names every action with its arguments; bad input is one line and exit 3.</summary>
public class RemedyCliTests
{
    private static CheckRun Remedy(params string[] args) => Dist.Run("stackfsck-remedy", args);

    [Fact]
    public void Help_lists_every_action_with_every_argument_it_takes()
    {
        CheckRun help = Remedy("--help");
        CheckRun handler = Remedy("handler", "--help");

        Assert.Equal(0, help.ExitCode);
        string synopsis = Assert.Single(help.Stdout.Split('\n'), line => line.StartsWith("  stackfsck-remedy handler ", StringComparison.Ordinal));
        IEnumerable<string> options = handler.Stdout.Split('\n').SkipWhile(line => line != "Options:").Skip(1)
            .Select(line => line.Trim().Split(' ', ',')[0]).Where(option => option.StartsWith("--", StringComparison.Ordinal) && option != "--help");
        Assert.All(options, option => Assert.Contains(option + " ", synopsis + " "));
        Assert.Contains("--tracker URL --expires DATE --diagnose COMMAND --remedy COMMAND", synopsis);
    }

    [Theory]
    [InlineData("--state", "BROKEN", "--state: 'BROKEN' is not a service state (OK, WARNING, CRITICAL, UNKNOWN)")]
    [InlineData("--expires", "31.03.2027", "--expires: '31.03.2027' is not a date YYYY-MM-DD")]
    [InlineData("--attempt", "0", "--attempt: 0 is out of range: give 1 or more")]
    [InlineData("--diagnose-timeout", "0", "--diagnose-timeout: 0 is out of range")]
    [InlineData("--statsd", "statsd:notaport", "--statsd: 'statsd:notaport' has no valid port")]
    [InlineData("--bogus", "1", "Unrecognized command or argument '--bogus'")]
    public void A_bad_argument_is_one_line_naming_it_and_exit_3(string option, string value, string message)
    {
        using var folder = new RemedyFolder();
        List<string> args = [.. folder.Handler("CRITICAL", "HARD", 3, "true", "true")];
        int given = args.IndexOf(option);
        if (given >= 0)
        {
            args[given + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        CheckRun run = Remedy([.. args]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(folder.Output));
    }
}
