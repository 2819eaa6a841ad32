using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Tests;

/// <summary>The options spelled the same in every check that has them.</summary>
public class CommonOptionsTests
{
    [Fact]
    public void List_takes_a_count_within_its_stated_range_and_defaults_to_ten()
    {
        Option<int> list = CommonOptions.List("how many queues the long output names", maximum: 1000);
        var line = new CommandLine([list]);

        Assert.Equal(10, line.Parse([]).GetValue(list));
        Assert.Equal(0, line.Parse(["--list", "0"]).GetValue(list));
        Assert.Contains("1001 is out of range: give 0 to 1000", Assert.Throws<FormatException>(() => line.Parse(["--list", "1001"])).Message);
        Assert.Contains("--list <N>", HelpText.Render("check_x", "X.", line.Options));
    }
}
