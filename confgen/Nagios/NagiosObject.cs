namespace StackFsck.Confgen.Nagios;

/// <summary>One <c>define TYPE { ... }</c> block of Nagios object configuration, with where it was rendered.</summary>
public sealed class NagiosObject(string type, string file, int line)
{
    private readonly Dictionary<string, string> directives = new(StringComparer.Ordinal);

    public string Type => type;

    public string File => file;

    public int Line => line;

    public IReadOnlyDictionary<string, string> Directives => directives;

    public string Where => $"{file}:{line}";

    /// <summary>A template (register 0) is known by its <c>name</c>; it defines no real object.</summary>
    public bool IsTemplate => Get("register") == "0";

    public string? Get(string key) => directives.GetValueOrDefault(key);

    /// <summary>A comma-separated directive as a list (hostgroups, members, contacts).</summary>
    public IEnumerable<string> List(string key) => Get(key) is { } value
        ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [];

    internal bool Set(string key, string value) => directives.TryAdd(key, value);
}
