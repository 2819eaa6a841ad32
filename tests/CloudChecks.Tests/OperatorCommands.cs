using System.Text.RegularExpressions;

namespace StackFsck.Tests.CloudChecks;

/// <summary>
/// The OpenStack commands a check prints for the operator, checked against the installed
/// clients (python3-openstackclient, -cinderclient, -novaclient): each must parse, which the
/// clients show by going on to the network. No API answers here: with no server, a command the
/// client accepts fails to connect (exit 1), one it refuses is an argument error (exit 2).
/// </summary>
public static partial class OperatorCommands
{
    public static IEnumerable<string> In(IEnumerable<string> lines) => lines
        .SelectMany(line => Command().Matches(line))
        .Select(match => match.Value.Trim())
        .Distinct();

    public static void AssertAccepted(string command)
    {
        string[] words = command.Split(' ');
        if (words[0] == "nova")
        {
            AssertInNovaHelp(words);
            return;
        }

        var environment = new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() };
        foreach (string name in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(name => name.StartsWith("OS_", StringComparison.Ordinal)))
        {
            environment[name] = null;
        }

        // openstack reaches a fixed endpoint without Keystone; cinder authenticates first, so a closed Keystone port.
        Dictionary<string, string?> noServer = words[0] == "openstack"
            ? new(environment) { ["OS_AUTH_TYPE"] = "none", ["OS_ENDPOINT"] = "http://127.0.0.1:9" }
            : new(environment) { ["OS_AUTH_URL"] = "http://127.0.0.1:9/v3", ["OS_USERNAME"] = "u", ["OS_PASSWORD"] = "p", ["OS_PROJECT_NAME"] = "p" };
        CheckRun run = Dist.RunProgram(words[0], words[1..], noServer);

        Assert.True(run.ExitCode == 1 && run.Stderr.Contains("Unable to"), $"{command}: {run}");
    }

    /// <summary>novaclient authenticates before it parses a subcommand: its help for the subcommand must name every option used.</summary>
    private static void AssertInNovaHelp(string[] words)
    {
        CheckRun help = Dist.RunProgram("nova", ["help", words[1]], new Dictionary<string, string?>());

        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"usage: nova {words[1]} ", help.Stdout);
        foreach (string option in words.Where(word => word.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.Contains(option, help.Stdout);
        }
    }

    [GeneratedRegex(@"\b(openstack|nova|cinder) [^;()]+")]
    private static partial Regex Command();
}
