using System.CommandLine;
using System.Globalization;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Diff;
using StackFsck.Confgen.Model;

namespace StackFsck.Confgen.Render;

/// <summary>
/// `confgen render`: renders and validates every server in memory, refuses a render that drops
/// too many hosts, then swaps the new tree in for the old one.
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var options = new RenderOptions();
        Option<double> maxRemoved = new("--max-removed")
        {
            Description = "largest share of the current hosts (percent) a render may remove without --force",
            DefaultValueFactory = _ => 10,
        };
        Option<bool> force = new("--force") { Description = "render even when more hosts would go than --max-removed allows" };
        var command = new Command("render", "render the Nagios configuration of every monitoring server, validated, replacing the tree as a whole");
        options.AddTo(command);
        command.Options.Add(maxRemoved);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            string output = options.OutputOf(parse);
            TreeWriter.ClearLeftovers(output);
            CloudModel model = options.Build(parse);
            RenderedTree tree = options.Write(parse, model);
            TreeDiff diff = TreeDiff.Compare(RenderedTree.Read(output), tree, model.HostNames);
            double limit = parse.GetValue(maxRemoved);
            if (diff.RemovedShare * 100 > limit && !parse.GetValue(force))
            {
                throw new ConfgenException(string.Create(CultureInfo.InvariantCulture,
                    $"the render would remove {diff.RemovedHosts.Count} of {diff.CurrentHosts} hosts ({diff.RemovedShare * 100:0.#}%, more than {limit}%): check with 'confgen diff', then render with --force"));
            }

            TreeWriter.Replace(output, tree);
            int hosts = model.Servers.Sum(s => s.Hosts.Count());
            Console.WriteLine($"rendered {model.Servers.Count} servers, {hosts} hosts, {tree.Files.Count} files into {output}; "
                + $"{diff.AddedHosts.Count} hosts added, {diff.RemovedHosts.Count} removed");
            return 0;
        });
        return command;
    }
}
