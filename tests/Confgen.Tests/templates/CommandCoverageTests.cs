using System.Text.RegularExpressions;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Tests;

/// <summary>The rendered commands cover every check of the suite, with options the checks really have.</summary>
public sealed partial class CommandCoverageTests : IDisposable
{
    private readonly Workspace workspace = new();

    public CommandCoverageTests() => Assert.Equal(0, workspace.Render().ExitCode);

    public void Dispose() => workspace.Dispose();

    public static TheoryData<string> Checks => [.. Directory.GetDirectories(Path.Combine(Repo.Root, "checks"), "check_*").Select(d => Path.GetFileName(d)!).Order()];

    [Theory]
    [MemberData(nameof(Checks))]
    public void EveryCheckHasACommandUsingOnlyOptionsFromItsHelp(string check)
    {
        List<string> lines = CommandLines().Where(l => l.StartsWith($"$USER1$/{check} ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);

        CheckRun help = Dist.Run(check, "--help");
        foreach (string option in lines.SelectMany(l => LongOption().Matches(l)).Select(m => m.Value).Distinct())
        {
            Assert.True(Regex.IsMatch(help.Stdout, $@"(^|[\s,]){Regex.Escape(option)}([\s,=]|$)", RegexOptions.Multiline), $"{check} has no {option}:\n{help.Stdout}");
        }
    }

    private IEnumerable<string> CommandLines()
    {
        string file = Path.Combine(workspace.Output, "nagios-global.prod.example.net/common/commands.cfg");
        return ObjectParser.Parse(file, File.ReadAllText(file)).Where(o => o.Type == "command").Select(o => o.Get("command_line")!);
    }

    [GeneratedRegex(@"(?<=\s)--?[A-Za-z][A-Za-z0-9-]*")]
    private static partial Regex LongOption();
}
