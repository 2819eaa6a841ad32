using System.Text;

namespace StackFsck.Confgen.Nagios;

/// <summary>Writes Nagios object configuration from objects, each in the layout it carries.</summary>
public static class NagiosWriter
{
    public static string Write(ConfigFile file)
    {
        var text = new StringBuilder();
        foreach (NagiosObject item in file.Objects)
        {
            text.Append(item.Preamble).Append(item.Opening);
            foreach (Directive directive in item.Directives)
            {
                DirectiveLayout layout = directive.Layout;
                text.Append(layout.Above).Append(layout.Indent).Append(directive.Key).Append(layout.Gap)
                    .Append(directive.Value).Append(layout.After).Append('\n');
            }

            text.Append(item.Closing);
        }

        return text.Append(file.Trailer).ToString();
    }
}
