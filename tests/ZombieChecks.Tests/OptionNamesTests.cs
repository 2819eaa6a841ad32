using StackFsck.Plugin.Arguments;
using StackFsck.Checks.NovaZombies;
using StackFsck.Checks.OpenStackOrphans;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// Each check combines its own options with several database option sets and the common ones;
/// a name given twice would stop the check before it parses anything (CommandLine refuses it).
/// </summary>
public class OptionNamesTests
{
    public static TheoryData<string> Checks => [NovaZombiesCheck.Definition.Name, OrphansCheck.Definition.Name];

    [Theory]
    [MemberData(nameof(Checks))]
    public void No_option_name_is_given_twice(string check)
    {
        CheckDefinition definition = check == NovaZombiesCheck.Definition.Name ? NovaZombiesCheck.Definition : OrphansCheck.Definition;
        IEnumerable<Option> all = [.. definition.Options, CommonOptions.Timeout(), CommonOptions.Verbose(), CommonOptions.Version(), CommonOptions.Help()];

        string[] names = all.SelectMany(option => option.Aliases.Prepend(option.Name)).ToArray();

        Assert.Empty(names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key));
    }
}
