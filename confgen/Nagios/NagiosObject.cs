namespace StackFsck.Confgen.Nagios;

/// <summary>
/// One <c>define TYPE { ... }</c> block of Nagios object configuration: its directives in order,
/// where it was rendered (for errors), and its layout (the comment above it, how it opens and
/// closes), so that <see cref="NagiosWriter"/> gives back the text the template laid out.
/// </summary>
public sealed class NagiosObject(string type, string file, int line)
{
    private readonly List<Directive> directives = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public string Type => type;

    public string File => file;

    public int Line => line;

    public string Where => $"{file}:{line}";

    public IReadOnlyList<Directive> Directives => directives;

    /// <summary>Comment and blank lines before the <c>define</c> line, each ending in a newline.</summary>
    public string Preamble { get; init; } = "\n";

    /// <summary>The <c>define TYPE {</c> line as rendered, newline included.</summary>
    public string Opening { get; init; } = $"define {type} {{\n";

    /// <summary>The closing <c>}</c> line, with any comment lines inside the block after the last directive.</summary>
    public string Closing { get; set; } = "}\n";

    /// <summary>A template (register 0) is known by its <c>name</c>; it defines no real object.</summary>
    public bool IsTemplate => Get("register") == "0";

    public string? Get(string key) => positions.TryGetValue(key, out int index) ? directives[index].Value : null;

    /// <summary>A comma-separated directive as a list (hostgroups, members, contacts).</summary>
    public IEnumerable<string> List(string key) => Get(key) is { } value
        ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [];

    /// <summary>Sets a directive: a new value in the line's layout, or a new line in the stock layout.</summary>
    public void Set(string key, string value)
    {
        if (positions.TryGetValue(key, out int index))
        {
            directives[index] = directives[index] with { Value = value };
        }
        else
        {
            Add(new Directive(key, value, DirectiveLayout.Aligned(key, value)));
        }
    }

    /// <summary>Adds a directive; false when the object has that key already (nagios4 refuses it too).</summary>
    internal bool Add(Directive directive)
    {
        if (!positions.TryAdd(directive.Key, directives.Count))
        {
            return false;
        }

        directives.Add(directive);
        return true;
    }
}

/// <summary>
/// A directive line: key and value, and the rest of the line as rendered (comment lines above it,
/// indentation, the gap that aligns the value, anything after the value).
/// </summary>
public sealed record Directive(string Key, string Value, DirectiveLayout Layout);

public sealed record DirectiveLayout(string Above, string Indent, string Gap, string After)
{
    /// <summary>The layout of the stock templates: indented four spaces, values from column 28 (no gap before an empty value).</summary>
    public static DirectiveLayout Aligned(string key, string value) =>
        new("", "    ", value.Length == 0 ? "" : new string(' ', Math.Max(2, 24 - key.Length)), "");
}
