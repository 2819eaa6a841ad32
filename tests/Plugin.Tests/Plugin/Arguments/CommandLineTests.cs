using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Tests;

/// <summary>How a check reads its arguments: the getopt_long forms operators write in Nagios commands, and clear refusals.</summary>
public class CommandLineTests
{
    private readonly Option<string?> _host = new("--host", "-H") { Description = "server", HelpName = "HOST" };
    private readonly Option<int> _port = new("--port", "-P") { Description = "TCP port", DefaultValueFactory = () => 3306 };
    private readonly Option<bool> _verbose = new("--verbose", "-v");
    private readonly Threshold _limits = Threshold.Main("the value", "5", "10");
    private readonly Option<string[]> _databases = RepeatedOption.Create("--database", ["-d"], name => name, "database to read", "NAME");
    private readonly Option<string> _method = new Option<string>("--method") { DefaultValueFactory = () => "GET" }.AcceptOnlyFromAmong("GET", "HEAD");

    private CommandLine Line => new([_host, _port, _verbose, .. _limits.Options, _databases, _method]);

    private ParsedArguments Parse(params string[] args) => Line.Parse(args);

    private string Refusal(params string[] args) => Assert.Throws<FormatException>(() => Parse(args)).Message;

    [Theory]
    [InlineData("--host", "db1", "--port", "3307")]
    [InlineData("--host=db1", "--port=3307")]
    [InlineData("-H", "db1", "-P", "3307")]
    [InlineData("-Hdb1", "-P3307")]
    [InlineData("-H=db1", "-P=3307")]
    public void Every_getopt_spelling_gives_the_same_values(params string[] args)
    {
        ParsedArguments parsed = Parse(args);
        Assert.Equal("db1", parsed.GetValue(_host));
        Assert.Equal(3307, parsed.GetValue(_port));
    }

    [Fact]
    public void An_option_not_given_has_its_default()
    {
        ParsedArguments parsed = Parse();
        Assert.Null(parsed.GetValue(_host));
        Assert.Equal(3306, parsed.GetValue(_port));
        Assert.Equal("GET", parsed.GetValue(_method));
        Assert.Equal("5", _limits.Read(parsed).Warning?.Text);
        Assert.Equal("10", _limits.Read(parsed).Critical?.Text);
        Assert.Empty(parsed.GetValue(_databases));
        Assert.False(parsed.GetValue(_verbose));
    }

    [Theory]
    [InlineData(3, "-vvv")]
    [InlineData(3, "-v", "-v", "--verbose")]
    [InlineData(2, "-vvH", "db1")]
    public void Flags_are_counted_and_bundle_with_a_value_option(int count, params string[] args)
    {
        ParsedArguments parsed = Parse(args);
        Assert.Equal(count, parsed.Count(_verbose));
        Assert.True(parsed.GetValue(_verbose));
    }

    [Fact]
    public void A_value_option_takes_the_next_argument_even_when_it_starts_with_a_dash()
    {
        Assert.Equal("-5:5", _limits.Read(Parse("-w", "-5:5")).Warning?.Text);
    }

    [Fact]
    public void A_repeatable_option_keeps_every_value_in_order()
    {
        Assert.Equal(["nova", "cinder", "nova"], Parse("-d", "nova", "--database=cinder", "-dnova").GetValue(_databases));
    }

    [Theory]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("unknown option '-x' in '-vx'", "-vx")]
    [InlineData("unexpected argument 'extra'", "-H", "db1", "extra")]
    [InlineData("--host is given more than once", "-H", "db1", "--host", "db2")]
    [InlineData("--verbose takes no value", "--verbose=3")]
    [InlineData("-P needs a value <PORT>", "-P")]
    [InlineData("--port: 'many' is not a whole number", "--port", "many")]
    [InlineData("--method: 'POST' is not one of GET, HEAD", "--method", "POST")]
    public void Wrong_arguments_are_refused_with_what_is_wrong(string message, params string[] args)
    {
        Assert.Equal(message, Refusal(args));
    }

    [Fact]
    public void A_bad_value_names_the_option_and_keeps_the_parsers_reason()
    {
        string message = Refusal("-c", "10:1");
        Assert.StartsWith("--critical: ", message);
        Assert.Contains("10:1", message);
    }

    [Fact]
    public void A_required_option_is_reported_missing_only_when_absent()
    {
        var databases = RepeatedOption.Create("--database", ["-d"], name => name, "database to read", "NAME", required: true);
        var line = new CommandLine([databases, _verbose]);
        Assert.Same(databases, line.Parse(["-v"]).MissingRequired());
        Assert.Null(line.Parse(["-d", "nova"]).MissingRequired());
    }

    [Fact]
    public void Two_options_with_one_name_are_a_mistake_in_the_check()
    {
        var other = new Option<string?>("--hostname", "-H");
        var error = Assert.Throws<InvalidOperationException>(() => new CommandLine([_host, other]));
        Assert.Contains("-H", error.Message);
    }

    [Fact]
    public void An_option_of_a_type_without_a_reader_needs_a_parser()
    {
        var line = new CommandLine([new Option<TimeSpan>("--grace")]);
        Assert.Throws<InvalidOperationException>(() => line.Parse(["--grace", "1h"]));
    }

    [Fact]
    public void Counts_refuse_negative_numbers_and_say_their_range_in_help()
    {
        var days = CountOption.Create<int?>("--older-than", "days", "DAYS");
        var line = new CommandLine([days]);
        Assert.Equal("days (0 or more)", days.Description);
        Assert.Equal(30, line.Parse(["--older-than", "30"]).GetValue(days));
        Assert.Null(line.Parse([]).GetValue(days));
        Assert.Equal("--older-than: -1 is out of range: give 0 or more", Assert.Throws<FormatException>(() => line.Parse(["--older-than", "-1"])).Message);
    }

    [Fact]
    public void Help_lists_short_names_first_with_value_names_and_defaults()
    {
        string help = HelpText.Render("check_example", "An example check.", Line.Options);
        string[] lines = help.Split('\n');
        Assert.Equal("Description:", lines[0]);
        Assert.Contains("  check_example [options]", lines);
        Assert.Matches(@"^  -H, --host <HOST> +server$", lines.Single(l => l.Contains("--host")));
        Assert.Matches(@"^  -P, --port <PORT> +TCP port \[default: 3306\]$", lines.Single(l => l.Contains("--port")));
        Assert.Matches(@"^  -w, --warning <RANGE> +warning range .*\[default: 5\]$", lines.Single(l => l.Contains("--warning")));
        Assert.Matches(@"^  --method <GET\|HEAD> +\[default: GET\]$", lines.Single(l => l.Contains("--method")));
        Assert.Matches(@"^  -v, --verbose *$", lines.Single(l => l.Contains("--verbose")));
    }
}
