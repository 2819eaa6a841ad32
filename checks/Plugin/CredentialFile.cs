namespace StackFsck.Plugin;

/// <summary>
/// Credentials kept out of argv: a small file of <c>key=value</c> lines, in the
/// style of an env file or an ini section. <c>#</c> and <c>;</c> start comments, values may be
/// quoted, an optional <c>export </c> prefix is accepted. With a section name only that
/// <c>[section]</c> is read; without one, the lines before any section header.
/// </summary>
public static class CredentialFile
{
    /// <param name="warn">Told when others can read or change the file (see <see cref="SecretFiles"/>).</param>
    public static IReadOnlyDictionary<string, string> Read(string path, string? section = null, Action<string>? warn = null)
    {
        if (warn is not null)
        {
            SecretFiles.Inspect(path, "credentials file", warn);
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckException($"cannot read credentials file {path}: {error.Message}");
        }

        return Parse(lines, section);
    }

    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines, string? section = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = line[1..^1].Trim();
                continue;
            }

            int equals = line.IndexOf('=');
            if (equals > 0 && string.Equals(current, section, StringComparison.OrdinalIgnoreCase))
            {
                string key = line[..equals].Trim();
                key = key.StartsWith("export ", StringComparison.Ordinal) ? key[7..].Trim() : key;
                values[key] = Unquote(line[(equals + 1)..].Trim());
            }
        }

        return values;
    }

    /// <summary>The first of <paramref name="keys"/> present in the file's values, else the first set environment variable.</summary>
    public static string? Lookup(IReadOnlyDictionary<string, string> file, string[] keys, string[] environment)
    {
        foreach (string key in keys)
        {
            if (file.TryGetValue(key, out string? value))
            {
                return value;
            }
        }

        return environment.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;
}
