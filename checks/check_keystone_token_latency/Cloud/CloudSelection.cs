using StackFsck.Plugin;
using YamlDotNet.RepresentationModel;

namespace StackFsck.Checks.KeystoneLatency.Cloud;

/// <summary>
/// Picks the settings of one cloud the way openstacksdk does: the cloud named by --os-cloud or
/// OS_CLOUD from clouds.yaml (merged with secure.yaml); without a name, the cloud made of the
/// OS_* environment variables (named "envvars", or OS_CLOUD_NAME). Command-line options override
/// whichever was chosen. The result is flat: the auth section and the cloud's own keys.
/// </summary>
internal static class CloudSelection
{
    /// <summary>Variables that steer the search rather than describe a cloud.</summary>
    private static readonly HashSet<string> SearchVariables = ["OS_CLOUD", "OS_CLOUD_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE"];

    /// <summary>Pre-Keystone-v3 spellings that openstacksdk still accepts.</summary>
    private static readonly Dictionary<string, string> Legacy = new()
    {
        ["tenant_name"] = "project_name",
        ["tenant_id"] = "project_id",
        ["default_domain"] = "default_domain_id",
    };

    /// <param name="warn">Told when clouds.yaml or secure.yaml can be read or changed by others.</param>
    public static Dictionary<string, string> Select(
        string? cloudName, ClientEnvironment environment, IReadOnlyDictionary<string, string> overrides, Action<string>? warn = null)
    {
        string envvarsName = environment.Get("OS_CLOUD_NAME") ?? "envvars";
        string? name = cloudName ?? environment.Get("OS_CLOUD");
        Dictionary<string, string> settings = name is null || name == envvarsName
            ? FromEnvironment(environment)
            : FromCloudsYaml(name, environment, warn ?? (_ => { }));
        foreach ((string key, string value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Dictionary<string, string> FromEnvironment(ClientEnvironment environment)
    {
        var settings = new Dictionary<string, string>();
        foreach ((string variable, string value) in environment.Variables)
        {
            if (variable.StartsWith("OS_", StringComparison.Ordinal) && value.Length > 0 && !SearchVariables.Contains(variable))
            {
                Set(settings, variable[3..].ToLowerInvariant(), value);
            }
        }

        return settings;
    }

    private static Dictionary<string, string> FromCloudsYaml(string name, ClientEnvironment environment, Action<string> warn)
    {
        (YamlMappingNode clouds, string? source) = CloudFiles.Load(environment, warn);
        if (source is null)
        {
            string searched = string.Join(", ", CloudFiles.SearchPath("clouds", environment.Get("OS_CLIENT_CONFIG_FILE"), environment)
                .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal)));
            throw new CheckException($"cloud '{name}' asked for, but no clouds.yaml found (looked for {searched})");
        }

        if (!clouds.Children.TryGetValue(name, out YamlNode? cloud) || cloud is not YamlMappingNode mapping)
        {
            throw new CheckException($"no cloud named '{name}' in {source}");
        }

        var settings = new Dictionary<string, string>();
        AddScalars(settings, mapping);
        if (mapping.Children.TryGetValue("auth", out YamlNode? auth) && auth is YamlMappingNode authMapping)
        {
            AddScalars(settings, authMapping);
        }

        return settings;
    }

    private static void AddScalars(Dictionary<string, string> settings, YamlMappingNode mapping)
    {
        foreach ((YamlNode key, YamlNode value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text })
            {
                Set(settings, name, text);
            }
        }
    }

    /// <summary>openstacksdk accepts project-name as well as project_name, and a few legacy names.</summary>
    private static void Set(Dictionary<string, string> settings, string key, string value)
    {
        string normal = key.Replace('-', '_');
        settings[Legacy.GetValueOrDefault(normal, normal)] = value;
    }
}
