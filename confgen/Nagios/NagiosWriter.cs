using System.Text;
using StackFsck.Confgen.Commands;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// Writes Nagios object configuration from objects, each in the layout it carries. A service's
/// optional check option is written as the arguments it stands for (flag and value, or nothing):
/// Nagios cannot leave out a flag whose value is empty, so the variable carries the flag.
/// </summary>
public static class NagiosWriter
{
    public static string Write(ConfigFile file) => Write(file, CommandCatalog.None);

    public static string Write(ConfigFile file, CommandCatalog commands)
    {
        var text = new StringBuilder();
        foreach (NagiosObject item in file.Objects)
        {
            text.Append(item.Preamble).Append(item.Opening);
            foreach (Directive directive in item.Directives)
            {
                DirectiveLayout layout = directive.Layout;
                string value = item.Type == "service" && commands.OptionalOption(directive.Key) is { } option
                    ? option.Arguments(directive.Value)
                    : directive.Value;
                // An option that stands for nothing leaves no gap behind its key (no trailing blanks).
                string gap = value.Length == 0 && directive.Value.Length > 0 ? "" : layout.Gap;
                text.Append(layout.Above).Append(layout.Indent).Append(directive.Key).Append(gap)
                    .Append(value).Append(layout.After).Append('\n');
            }

            text.Append(item.Closing);
        }

        return text.Append(file.Trailer).ToString();
    }
}
