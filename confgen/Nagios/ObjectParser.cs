namespace StackFsck.Confgen.Nagios;

/// <summary>
/// Reads Nagios object definitions as nagios4 does: <c>define TYPE {</c>, one <c>directive value</c>
/// per line, <c>}</c>; '#' and ';' start comments. Good enough to validate and diff what confgen
/// renders before nagios4 ever sees it.
/// </summary>
public static class ObjectParser
{
    public static IEnumerable<NagiosObject> Parse(string file, string text)
    {
        NagiosObject? current = null;
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = StripComment(raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (current is null)
            {
                current = Begin(file, number, line);
                continue;
            }

            if (line == "}")
            {
                yield return current;
                current = null;
                continue;
            }

            int space = line.IndexOfAny([' ', '\t']);
            string key = space < 0 ? line : line[..space];
            string value = space < 0 ? "" : line[(space + 1)..].Trim();
            if (!current.Set(key, value))
            {
                throw new ConfigException($"{file}:{number}: '{key}' given twice in one {current.Type}");
            }
        }

        if (current is not null)
        {
            throw new ConfigException($"{current.Where}: define {current.Type} has no closing '}}'");
        }
    }

    private static NagiosObject Begin(string file, int number, string line)
    {
        string[] words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 3 && words[0] == "define" && words[2] == "{"
            ? new NagiosObject(words[1], file, number)
            : throw new ConfigException($"{file}:{number}: expected 'define TYPE {{', found '{line}'");
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
