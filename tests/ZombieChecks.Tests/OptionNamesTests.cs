using System.CommandLine;
using StackFsck.Checks.NovaZombies;
using StackFsck.Checks.OpenStackOrphans;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// Each check combines its own options with several database option sets and the common ones;
/// System.CommandLine does not refuse a name given twice, it silently hands the value to one of them.
/// </summary>
public class OptionNamesTests
{
    public static TheoryData<string> Checks => [NovaZombiesCheck.Definition.Name, OrphansCheck.Definition.Name];

    [Theory]
    [MemberData(nameof(Checks))]
    public void No_option_name_is_given_twice(string check)
    {
        CheckDefinition definition = check == NovaZombiesCheck.Definition.Name ? NovaZombiesCheck.Definition : OrphansCheck.Definition;
        IEnumerable<Option> all = [.. definition.Options, CommonOptions.Timeout(), CommonOptions.Verbose(), CommonOptions.Version()];

        string[] names = all.SelectMany(option => option.Aliases.Prepend(option.Name)).ToArray();

        Assert.Empty(names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key));
    }
}
