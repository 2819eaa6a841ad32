using System.CommandLine;
using System.Text;

namespace StackFsck.Remedy;

/// <summary>The top-level help: every action with every argument it takes, required ones bare, optional ones in brackets.</summary>
public static class Synopsis
{
    public static string Of(RootCommand root)
    {
        var text = new StringBuilder().Append(root.Description).Append("\n\nActions:\n");
        foreach (Command action in root.Subcommands)
        {
            text.Append("\n  ").Append(RemedyCli.Program).Append(' ').Append(action.Name);
            foreach (Option option in action.Options.Where(option => !option.Hidden && option is not System.CommandLine.Help.HelpOption))
            {
                text.Append(' ').Append(Usage(option));
            }

            text.Append("\n      ").Append(action.Description).Append('\n');
        }

        return text.Append($"\n{RemedyCli.Program} ACTION --help describes each argument.\n").ToString();
    }

    private static string Usage(Option option)
    {
        string value = option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName ?? "VALUE"}";
        return option.Required ? value : $"[{value}]";
    }
}
