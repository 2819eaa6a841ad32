using YamlDotNet.RepresentationModel;

namespace StackFsck.Confgen.Inventory;

/// <summary>
/// Typed, strict reading of one YAML mapping: every key must be known, every value of the
/// expected shape, and every mistake names the file and line.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode mapping;

    public YamlMap(YamlNode node, string file, params string[] keys)
    {
        File = file;
        mapping = node as YamlMappingNode ?? throw InventoryException.At(At(node), "expected a mapping (key: value lines)");
        foreach (YamlNode key in mapping.Children.Keys)
        {
            string name = Text(key);
            if (!keys.Contains(name))
            {
                throw InventoryException.At(At(key), $"unknown key '{name}' (expected one of: {string.Join(", ", keys)})");
            }
        }
    }

    public string File { get; }

    public SourceLocation Source => At(mapping);

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line);

    public YamlMap Child(YamlNode node, params string[] keys) => new(node, File, keys);

    public YamlNode? Get(string key) => mapping.Children.TryGetValue(key, out YamlNode? node) ? node : null;

    public string Required(string key) => Get(key) is { } value ? Text(value) : throw InventoryException.At(Source, $"'{key}' is missing");

    public string Optional(string key, string fallback) => Get(key) is { } value ? Text(value) : fallback;

    public int Integer(string key, int fallback) => Get(key) is not { } value ? fallback
        : int.TryParse(Text(value), out int number) && number > 0 ? number
        : throw InventoryException.At(At(value), $"'{key}' must be a positive whole number");

    public bool Flag(string key) => Get(key) is { } value && Text(value) switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw InventoryException.At(At(value), $"'{key}' must be true or false"),
    };

    public string Text(YamlNode node) => node is YamlScalarNode { Value: { } text }
        ? text
        : throw InventoryException.At(At(node), "expected a single value");

    public IEnumerable<YamlNode> Sequence(string key) => Get(key) is { } node ? Items(node, key) : [];

    /// <summary>The items of a list-valued node (the value of <paramref name="key"/>, for the error).</summary>
    public IEnumerable<YamlNode> Items(YamlNode node, string key) => node is YamlSequenceNode list
        ? list.Children
        : throw InventoryException.At(At(node), $"'{key}' must be a list");

    public IReadOnlyList<string> Texts(string key) => Sequence(key).Select(Text).ToList();

    /// <summary>The entries of a mapping-valued key, in file order.</summary>
    public IEnumerable<(string Key, SourceLocation Where, YamlNode Value)> Entries(string key) => Get(key) switch
    {
        null => [],
        YamlMappingNode map => map.Children.Select(pair => (Text(pair.Key), At(pair.Key), pair.Value)),
        { } other => throw InventoryException.At(At(other), $"'{key}' must be a mapping"),
    };
}
