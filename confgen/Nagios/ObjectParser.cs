using System.Text;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// Reads Nagios object definitions as nagios4 does: <c>define TYPE {</c>, one <c>directive value</c>
/// per line, <c>}</c>; '#' and ';' start comments. confgen reads each template's output once into
/// objects, keeping every line's layout so that <see cref="NagiosWriter"/> writes it back unchanged;
/// a tree already deployed on disk is read the same way to compare it.
/// </summary>
public static class ObjectParser
{
    public static IEnumerable<NagiosObject> Parse(string file, string text) => Read(file, file, text).Objects;

    /// <summary>A file's objects; <paramref name="file"/> names it in errors and in each object's Where.</summary>
    public static ConfigFile Read(string path, string file, string text)
    {
        var objects = new List<NagiosObject>();
        var pending = new StringBuilder();
        NagiosObject? current = null;
        int number = 0;
        for (int start = 0; start < text.Length;)
        {
            int end = text.IndexOf('\n', start);
            int next = end < 0 ? text.Length : end + 1;
            string whole = text[start..next];
            string raw = end < 0 ? whole : whole[..^1];
            start = next;
            number++;
            string content = StripComment(raw);
            string line = content.Trim();
            if (line.Length == 0)
            {
                pending.Append(whole);
            }
            else if (current is null)
            {
                current = Begin(file, number, line, pending.ToString(), whole);
                pending.Clear();
            }
            else if (line == "}")
            {
                current.Closing = pending.Append(whole).ToString();
                pending.Clear();
                objects.Add(current);
                current = null;
            }
            else
            {
                Directive directive = ReadDirective(raw, content, line, pending.ToString());
                pending.Clear();
                if (!current.Add(directive))
                {
                    throw new ConfigException($"{file}:{number}: '{directive.Key}' given twice in one {current.Type}");
                }
            }
        }

        return current is null ? new ConfigFile(path, objects, pending.ToString())
            : throw new ConfigException($"{current.Where}: define {current.Type} has no closing '}}'");
    }

    private static NagiosObject Begin(string file, int number, string line, string preamble, string opening)
    {
        string[] words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 3 && words[0] == "define" && words[2] == "{"
            ? new NagiosObject(words[1], file, number) { Preamble = preamble, Opening = opening }
            : throw new ConfigException($"{file}:{number}: expected 'define TYPE {{', found '{line}'");
    }

    /// <summary>Key, value (trimmed), and the rest of the line as it was, so that writing it back gives the same line.</summary>
    private static Directive ReadDirective(string raw, string content, string line, string above)
    {
        string rest = content.TrimStart();
        int space = line.IndexOfAny([' ', '\t']);
        string key = space < 0 ? line : line[..space];
        string afterKey = rest[key.Length..];
        string value = afterKey.Trim();
        int valueStart = afterKey.Length - afterKey.TrimStart().Length;
        var layout = new DirectiveLayout(
            above,
            content[..(content.Length - rest.Length)],
            afterKey[..valueStart],
            afterKey[(valueStart + value.Length)..] + raw[content.Length..]);
        return new Directive(key, value, layout);
    }

    /// <summary>'#' or ';' starts a comment, except '\;' which is a literal semicolon in a value.</summary>
    private static string StripComment(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' || (line[i] == ';' && (i == 0 || line[i - 1] != '\\')))
            {
                return line[..i];
            }
        }

        return line;
    }
}
