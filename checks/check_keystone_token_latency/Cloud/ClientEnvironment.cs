namespace StackFsck.Checks.KeystoneLatency.Cloud;

/// <summary>The process environment and working directory, passed in so that tests can set their own.</summary>
internal sealed class ClientEnvironment(IReadOnlyDictionary<string, string> variables, string workingDirectory)
{
    public string WorkingDirectory { get; } = workingDirectory;

    public IEnumerable<KeyValuePair<string, string>> Variables => variables;

    public string? Get(string name) => variables.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;

    public static ClientEnvironment Current() => new(
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? ""),
        Directory.GetCurrentDirectory());
}
