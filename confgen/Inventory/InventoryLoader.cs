using YamlDotNet.RepresentationModel;

namespace StackFsck.Confgen.Inventory;

/// <summary>
/// Reads an inventory directory: every *.yaml file below it (in name order), each naming its
/// environment. One file per environment holds its servers and contacts; global and cells may
/// be spread over several files (one per cell suits generated inventories).
/// </summary>
public static class InventoryLoader
{
    public static InventoryModel Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InventoryException($"{directory}: no such inventory directory");
        }

        var parts = new Dictionary<string, EnvironmentParts>(StringComparer.Ordinal);
        foreach (string file in YamlFiles(directory))
        {
            foreach (YamlMap document in Documents(file))
            {
                string name = document.Required("environment");
                RequirePart(document, document.Get("environment")!, name, "environment");
                if (!parts.TryGetValue(name, out EnvironmentParts? environment))
                {
                    parts[name] = environment = new EnvironmentParts(name);
                }

                environment.Add(document);
            }
        }

        if (parts.Count == 0)
        {
            throw new InventoryException($"{directory}: no environment found (no *.yaml file with 'environment:')");
        }

        var model = new InventoryModel(parts.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Build()).ToList());
        InventoryRules.Check(model);
        return model;
    }

    private static IEnumerable<string> YamlFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<YamlMap> Documents(string path) =>
        YamlDocuments.Load(path).Select(d => new YamlMap(d.RootNode, path, EnvironmentParts.Keys));

    internal static void RequirePart(YamlMap map, YamlNode node, string name, string what)
    {
        if (!Names.IsPart(name))
        {
            throw InventoryException.At(map.At(node), $"{what} name '{name}' may hold only a-z, 0-9, _ and - (it becomes part of hostgroup and metric names)");
        }
    }
}
