using System.Text.RegularExpressions;
using StackFsck.Confgen.Commands;

namespace StackFsck.Confgen.Tests.Commands;

/// <summary>
/// templates/common/commands.yaml agrees with the checks: every check has a command, every option
/// a check's --help lists (but -t, -v, -V, -h) is in the catalog with the check's own description
/// and default, and every flag a command writes is the check's.
/// </summary>
public sealed partial class CommandCatalogTests
{
    private static readonly string[] Generic = ["--timeout", "--verbose", "--version", "--help"];

    private static CommandCatalog Catalog { get; } = CommandCatalog.Load(Path.Combine(Confgen.Templates, "common", CommandCatalog.FileName));

    /// <summary>Every check folder, and every check dist/ installs as a link under a former name (check_nova_zombies).</summary>
    public static TheoryData<string> Checks => [.. Directory.GetDirectories(Path.Combine(Repo.Root, "checks"), "check_*")
        .Concat(Directory.Exists(Dist.Directory) ? Directory.GetFiles(Dist.Directory, "check_*").Where(f => new FileInfo(f).LinkTarget is not null) : [])
        .Select(d => Path.GetFileName(d)!).Order()];

    [Theory]
    [MemberData(nameof(Checks))]
    public void EveryOptionOfTheCheckIsInTheCatalogAsItsHelpDescribesIt(string check)
    {
        List<CheckCommand> commands = Catalog.Commands.Where(c => c.Check == check).ToList();
        Assert.NotEmpty(commands);
        Dictionary<string, HelpLine> help = Help(check);

        foreach (CheckCommand command in commands)
        {
            HashSet<string> fixedFlags = [.. command.Fixed.Select(a => a.Split(' ')[0]).Where(a => a.StartsWith('-'))];
            Assert.Equal(
                help.Keys.Except(Generic).Where(o => !fixedFlags.Contains(o) && !fixedFlags.Contains(help[o].Short ?? "")).Order(),
                command.Options.Select(o => o.Option).Order());
            Assert.All(fixedFlags, flag => Assert.True(help.Values.Any(h => h.Long == flag || h.Short == flag), $"{check} has no {flag}"));
        }

        foreach (CheckOption option in commands.SelectMany(c => c.Options))
        {
            HelpLine line = help[option.Option];
            Assert.True(option.Flag == option.Option || option.Flag == line.Short, $"{option.Option}: flag {option.Flag}");
            Assert.Equal(line.Description, option.Description);
            Assert.Equal(line.Default, option.Default);
            Assert.Equal(line.Switch, option.Switch);
        }
    }

    [Fact]
    public void VariablesAreNamedAfterTheLongOptionPrefixedByTheCheck()
    {
        CheckCommand command = Catalog.ByName["stackfsck_rabbitmq_compute_queues"];

        Assert.Equal("_RABBITMQ_COMPUTE_QUEUES_VHOST", command.Required.Single(o => o.Option == "--vhost").Variable);
        Assert.Equal("$_SERVICERABBITMQ_COMPUTE_QUEUES_WARNING_NO_CONSUMERS$", command.Optional.Single(o => o.Option == "--warning-no-consumers").Macro);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("5000", "-w 5000")]
    public void AnOptionalValueCarriesItsFlag(string value, string arguments)
    {
        CheckOption warning = Catalog.ByName["stackfsck_keystone_revocations"].Optional.Single(o => o.Option == "--warning");

        Assert.Equal(arguments, warning.Arguments(value));
    }

    [Fact]
    public void ASwitchIsItsFlagOrNothingAndARepeatedOptionRepeatsIt()
    {
        CheckCommand command = Catalog.ByName["stackfsck_rabbitmq_compute_queues"];
        CheckOption allowEmpty = command.Optional.Single(o => o.Option == "--allow-empty");
        CheckOption expect = command.Optional.Single(o => o.Option == "--expect");

        Assert.Equal("--allow-empty", allowEmpty.Arguments("1"));
        Assert.Equal("", allowEmpty.Arguments("0"));
        Assert.Equal("--expect scheduler --expect conductor", expect.Arguments("scheduler conductor"));
    }

    private sealed record HelpLine(string Long, string? Short, string Description, string? Default, bool Switch);

    private static Dictionary<string, HelpLine> Help(string check) =>
        Dist.Run(check, "--help").Stdout.Split('\n')
            .Select(line => HelpPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => new HelpLine(
                m.Groups["long"].Value,
                m.Groups["short"].Success ? m.Groups["short"].Value : null,
                m.Groups["description"].Value,
                m.Groups["default"].Success ? m.Groups["default"].Value : null,
                !m.Groups["value"].Success))
            .ToDictionary(h => h.Long);

    [GeneratedRegex(@"^  (?:(?<short>-[A-Za-z]), )?(?:-\?, )?(?<long>--[a-z0-9-]+)(?<value> <[^>]+>)?\s+(?<description>.*?)(?: \[default: (?<default>.*)\])?$")]
    private static partial Regex HelpPattern();
}
