using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;

namespace StackFsck.Plugin.Tests;

/// <summary>The contract around a check's own work: arguments, -h, -V, failures, verbosity, exit codes.</summary>
public class CheckHostTests
{
    private static readonly Threshold Limits = Threshold.Main("the value", "5", "10");
    private static readonly Option<double> Value = new("--value") { DefaultValueFactory = () => 1 };

    private static CheckDefinition Check(Func<CheckContext, Task<Report>> execute) => new()
    {
        Name = "check_example",
        Service = "EXAMPLE",
        Description = "An example check.",
        Options = [Value, .. Limits.Options],
        Execute = execute,
    };

    private static readonly CheckDefinition Measuring = Check(context =>
    {
        context.Log(2, "measuring at -vv");
        var report = new Report { OkSummary = "value fine" };
        report.Add(new Metric("value", context.Get(Value), Threshold: context.Get(Limits)));
        return Task.FromResult(report);
    });

    private static (int Exit, string Stdout, string Stderr) Run(CheckDefinition check, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CheckHost.Run(check, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "--value", "3" }, 0, "EXAMPLE OK - value fine | value=3;5;10")]
    [InlineData(new[] { "--value", "7" }, 1, "EXAMPLE WARNING - value is 7 (warning 5) | value=7;5;10")]
    [InlineData(new[] { "--value", "12", "-w", "20", "-c", "11" }, 2, "EXAMPLE CRITICAL - value is 12 (critical 11) | value=12;20;11")]
    public void Exit_code_is_the_state_of_the_report(string[] args, int exit, string firstLine)
    {
        var run = Run(Measuring, args);
        Assert.Equal(exit, run.Exit);
        Assert.Equal(firstLine + "\n", run.Stdout);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-w", "10:1")]
    [InlineData("-t", "never")]
    [InlineData("--value", "many")]
    public void Argument_errors_exit_3_with_one_line(params string[] args)
    {
        var run = Run(Measuring, args);
        Assert.Equal(3, run.Exit);
        Assert.StartsWith("EXAMPLE UNKNOWN - bad arguments: ", run.Stdout);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_exits_3_and_lists_the_common_options(string flag)
    {
        var run = Run(Measuring, flag);
        Assert.Equal(3, run.Exit);
        Assert.Contains("--timeout", run.Stdout);
        Assert.Contains("--warning", run.Stdout);
    }

    [Fact]
    public void Version_exits_3_with_the_check_name()
    {
        var run = Run(Measuring, "-V");
        Assert.Equal(3, run.Exit);
        Assert.StartsWith("check_example (stackfsck) ", run.Stdout);
    }

    [Fact]
    public void A_check_exception_is_one_line_with_its_state()
    {
        var run = Run(Check(_ => throw new CheckException("cannot reach db1:3306: Connection refused")));
        Assert.Equal(3, run.Exit);
        Assert.Equal("EXAMPLE UNKNOWN - cannot reach db1:3306: Connection refused\n", run.Stdout);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_without_a_stack_trace()
    {
        var run = Run(Check(_ => throw new InvalidOperationException("boom")));
        Assert.Equal(3, run.Exit);
        Assert.Equal("EXAMPLE UNKNOWN - internal error: InvalidOperationException: boom\n", run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Options_a_check_declares_twice_are_one_line_not_a_stack_trace()
    {
        var check = new CheckDefinition
        {
            Name = "check_example",
            Service = "EXAMPLE",
            Description = "An example check.",
            Options = [Value, Value],
            Execute = Measuring.Execute,
        };

        var run = Run(check, "--value", "3");
        Assert.Equal(3, run.Exit);
        Assert.Equal("EXAMPLE UNKNOWN - internal error: InvalidOperationException: two options are named --value\n", run.Stdout);
    }

    [Fact]
    public void Verbose_detail_goes_to_standard_error_by_level()
    {
        Assert.DoesNotContain("measuring", Run(Measuring, "-v").Stderr);
        var run = Run(Measuring, "-vv");
        Assert.Contains("measuring at -vv", run.Stderr);
        Assert.DoesNotContain("measuring", run.Stdout);
        Assert.Contains("System.InvalidOperationException: boom", Run(Check(_ => throw new InvalidOperationException("boom")), "-vvv").Stderr);
    }

    [Fact]
    public void Warnings_reach_the_long_output_once_whatever_the_outcome()
    {
        var reported = Run(Check(context =>
        {
            context.Warn("warning: option file /etc/x.cnf is readable by every user");
            context.Warn("warning: option file /etc/x.cnf is readable by every user");
            return Measuring.Execute(context);
        }));
        var failed = Run(Check(context =>
        {
            context.Warn("warning: credentials file /etc/y is readable by every user");
            throw new CheckException("cannot reach the broker");
        }));

        Assert.Equal("EXAMPLE OK - value fine | value=1;5;10\nwarning: option file /etc/x.cnf is readable by every user\n", reported.Stdout);
        Assert.Equal("EXAMPLE UNKNOWN - cannot reach the broker\nwarning: credentials file /etc/y is readable by every user\n", failed.Stdout);
    }
}
