using System.CommandLine;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Model;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Diff;

/// <summary>`confgen diff`: what `confgen render` would add, change and remove in the current tree; writes nothing.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var options = new RenderOptions();
        var command = new Command("diff", "show what a render would add, change and remove against the current tree (writes nothing)");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            CloudModel model = options.Build(parse);
            TreeDiff diff = TreeDiff.Compare(RenderedTree.Read(options.OutputOf(parse)), options.Write(parse, model), model.HostNames);
            foreach (string line in diff.Lines())
            {
                Console.WriteLine(line);
            }

            return 0;
        });
        return command;
    }
}
