namespace StackFsck.Tests;

/// <summary>Where things are: the repository, the shared fixtures, and the servers tests/run started.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real OpenStack Zed schemas in ../shared/fixtures beside the repository.</summary>
    public static string Fixtures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "openstack-schema-zed"));

    /// <summary>A setting exported by tests/run (a server's address); without it the test cannot run, and says so.</summary>
    public static string Service(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests through tests/run, which starts the servers");

    /// <summary>Above the test binaries, or (when they build into an --artifacts-path elsewhere) where TestSupport was built from.</summary>
    private static string FindRoot()
    {
        string? builtFrom = typeof(Repo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "StackFsckRoot")?.Value;
        foreach (string start in new[] { AppContext.BaseDirectory, builtFrom }.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "stackfsck.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("cannot find the repository root (stackfsck.slnx) above " + AppContext.BaseDirectory);
    }
}
