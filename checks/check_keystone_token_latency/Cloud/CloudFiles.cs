using StackFsck.Plugin;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StackFsck.Checks.KeystoneLatency.Cloud;

/// <summary>
/// Finds and reads clouds.yaml and secure.yaml where openstacksdk looks for them: the file named
/// by OS_CLIENT_CONFIG_FILE (OS_CLIENT_SECURE_FILE), then the current directory,
/// $XDG_CONFIG_HOME/openstack (~/.config/openstack) and /etc/openstack, as .yaml, .yml or
/// .json. The first file found wins; secure.yaml is merged over it.
/// </summary>
internal static class CloudFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<string> SearchPath(string baseName, string? explicitFile, ClientEnvironment environment)
    {
        string configHome = environment.Get("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment.Get("HOME") ?? "/nonexistent", ".config");
        string[] directories = [environment.WorkingDirectory, Path.Combine(configHome, "openstack"), "/etc/openstack"];
        IEnumerable<string> files = directories.SelectMany(dir => Extensions.Select(ext => Path.Combine(dir, baseName + ext)));
        return (explicitFile is { Length: > 0 } ? files.Prepend(explicitFile) : files).ToList();
    }

    /// <summary>The clouds of clouds.yaml merged with secure.yaml; empty when neither exists.</summary>
    /// <param name="warn">Told when a file found holds a password and can be read or changed by others.</param>
    public static (YamlMappingNode Clouds, string? Source) Load(ClientEnvironment environment, Action<string> warn)
    {
        string? cloudsFile = FirstExisting(SearchPath("clouds", environment.Get("OS_CLIENT_CONFIG_FILE"), environment));
        string? secureFile = FirstExisting(SearchPath("secure", environment.Get("OS_CLIENT_SECURE_FILE"), environment));
        foreach (string file in new[] { cloudsFile, secureFile }.OfType<string>().Where(HoldsPassword))
        {
            SecretFiles.Inspect(file, Path.GetFileName(file), warn);
        }

        YamlMappingNode clouds = CloudsOf(cloudsFile);
        Merge(clouds, CloudsOf(secureFile));
        return (clouds, cloudsFile);
    }

    /// <summary>Deep merge, as openstacksdk merges secure.yaml: mappings combine, anything else is replaced.</summary>
    public static void Merge(YamlMappingNode target, YamlMappingNode overlay)
    {
        foreach ((YamlNode key, YamlNode value) in overlay.Children)
        {
            if (target.Children.TryGetValue(key, out YamlNode? existing) && existing is YamlMappingNode inner && value is YamlMappingNode more)
            {
                Merge(inner, more);
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }

    /// <summary>Only a file that holds a password is worth a warning: clouds.yaml often leaves it to secure.yaml.</summary>
    private static bool HoldsPassword(string file)
    {
        try
        {
            return File.ReadAllText(file).Contains("password", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? FirstExisting(IEnumerable<string> files) => files.FirstOrDefault(File.Exists);

    private static YamlMappingNode CloudsOf(string? file)
    {
        if (file is null)
        {
            return [];
        }

        YamlNode? root = Parse(file);
        if (root is YamlMappingNode document && document.Children.TryGetValue("clouds", out YamlNode? clouds))
        {
            return clouds as YamlMappingNode ?? throw new CheckException($"'clouds' in {file} is not a mapping of cloud names");
        }

        return [];
    }

    private static YamlNode? Parse(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            var scanner = new Scanner(reader);
            var stream = new YamlStream();
            try
            {
                stream.Load(new Parser(scanner));
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner trips over some unclosed flow collections ("[a" and more
                // lines) with a bare InvalidOperationException: place it where the scanner stood.
                throw new CheckException($"malformed YAML in {file} at {Place(scanner.CurrentPosition)}: it cannot be read as YAML (an unclosed '[' or '{{'?)");
            }

            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException error)
        {
            throw new CheckException($"malformed YAML in {file} at {Place(error.Start)}: {Reason(error)}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckException($"cannot read {file}: {error.Message}");
        }
    }

    private static string Place(Mark mark) => $"line {mark.Line}, column {mark.Column}";

    /// <summary>YamlDotNet's message after the position it prefixes ("(Line: 3, Col: 9, Idx: 40) - (...): ").</summary>
    private static string Reason(YamlException error)
    {
        string message = error.Message;
        int end = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && end > 0 ? message[(end + 3)..] : message;
    }
}
