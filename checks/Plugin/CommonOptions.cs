using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>The options every check has, spelled the same everywhere: -t, -v, -V, -h.</summary>
public static class CommonOptions
{
    public static Option<TimeoutSetting> Timeout() => new("--timeout", "-t")
    {
        Description = $"seconds the whole run may take (above 0, up to {TimeoutSetting.MaximumSeconds}), optionally with the state to exit with (10:CRITICAL)",
        HelpName = "SECONDS[:STATE]",
        DefaultValueFactory = () => TimeoutSetting.Default,
        Parser = TimeoutSetting.Parse,
    };

    /// <summary>Counted: -v, -vv or -v -v -v raise the detail written to standard error.</summary>
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "more detail on standard error; repeat up to three times (-vvv)",
    };

    public static Option<bool> Version() => new("--version", "-V")
    {
        Description = "print the version and exit",
    };

    /// <summary>
    /// <c>--list N</c>: how many items the long output names (per category, where it has several);
    /// the rest are counted in one "... and N more" line (<see cref="Report.DetailList"/>).
    /// </summary>
    public static Option<int> List(string description, int fallback = 10, int maximum = int.MaxValue) =>
        CountOption.Create("--list", description, "N", fallback, maximum: maximum);

    public static Option<bool> Help() => new("--help", "-h", "-?")
    {
        Description = "show this help and exit",
    };
}
