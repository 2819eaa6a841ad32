using StackFsck.Checks.NovaHypervisor;
using StackFsck.Checks.OpenStackOrphans;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// Each check combines its own options with several database option sets and the common ones;
/// a name given twice would stop the check before it parses anything: CommandLine refuses it
/// with an exception naming the option, so the check's own --help must come out whole.
/// </summary>
public class OptionNamesTests
{
    public static TheoryData<string> Checks => [HypervisorCheck.Definition.Name, OrphansCheck.Definition.Name];

    [Theory]
    [MemberData(nameof(Checks))]
    public void No_option_name_is_given_twice(string check)
    {
        CheckDefinition definition = check == HypervisorCheck.Definition.Name ? HypervisorCheck.Definition : OrphansCheck.Definition;
        var help = new StringWriter();

        int exit = CheckHost.Run(definition, ["--help"], help, TextWriter.Null);

        Assert.Equal(3, exit);
        Assert.Contains($"{check} [options]", help.ToString());
    }
}
