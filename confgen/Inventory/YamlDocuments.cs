using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace StackFsck.Confgen.Inventory;

/// <summary>
/// The one place confgen parses YAML. Whatever YamlDotNet throws on a malformed file (its own
/// syntax errors, and the InvalidOperationException its scanner throws on some unclosed
/// brackets) becomes one <see cref="InventoryException"/> naming the file, line and column.
/// </summary>
internal static class YamlDocuments
{
    /// <summary>Far deeper than any inventory nests; YamlDotNet builds nodes recursively, so a deeper file would overflow the stack.</summary>
    public const int MaxDepth = 64;

    public static IList<YamlDocument> Load(string path)
    {
        using var reader = new StreamReader(path);
        var scanner = new Scanner(reader);
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimit(new Parser(scanner), path));
        }
        catch (YamlException error)
        {
            throw new InventoryException($"{Where(path, error.Start)}: {error.InnerException?.Message ?? error.Message}");
        }
        catch (Exception error) when (error is not (InventoryException or IOException or UnauthorizedAccessException))
        {
            throw new InventoryException($"{Where(path, scanner.CurrentPosition)}: YAML the parser cannot read (an unclosed '[', '{{' or quote before here?)");
        }

        return stream.Documents;
    }

    private static string Where(string path, Mark mark) => $"{path}:{mark.Line}:{mark.Column}";

    /// <summary>Passes the parser's events through, refusing to nest deeper than <see cref="MaxDepth"/>.</summary>
    private sealed class DepthLimit(IParser parser, string path) : IParser
    {
        private int depth;

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            if (!parser.MoveNext())
            {
                return false;
            }

            depth += parser.Current switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
            return depth <= MaxDepth
                ? true
                : throw new InventoryException($"{Where(path, parser.Current!.Start)}: nested more than {MaxDepth} levels deep");
        }
    }
}
