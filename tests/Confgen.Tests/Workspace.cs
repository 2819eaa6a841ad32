
namespace StackFsck.Confgen.Tests;

/// <summary>A scratch directory holding a copy of environments/example to edit, and room for rendered trees; deleted afterwards.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("confgen-test-").FullName;

        // nagios4 -v drops to the nagios user, which must read the rendered trees.
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        Inventory = Path.Combine(Root, "inventory");
        Output = Path.Combine(Root, "rendered");
        foreach (string file in Directory.GetFiles(ExampleInventory, "*.yaml", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(Inventory, Path.GetRelativePath(ExampleInventory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    public static string ExampleInventory => Path.Combine(Repo.Root, "environments", "example");

    public string Root { get; }

    public string Inventory { get; }

    public string Output { get; }

    public string InventoryFile(string relative) => Path.Combine(Inventory, relative);

    /// <summary>Writes an extra inventory file (YAML text) and returns its path.</summary>
    public string Write(string relative, string yaml)
    {
        string path = InventoryFile(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Replaces one exact piece of an inventory file's text (the piece must be there).</summary>
    public void Edit(string relative, string from, string to)
    {
        string path = InventoryFile(relative);
        string text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>A copy of the repository's templates to break on purpose; returns its directory.</summary>
    public string CopyTemplates()
    {
        string copy = Path.Combine(Root, "templates");
        foreach (string file in Directory.GetFiles(Confgen.Templates, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(Confgen.Templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public CheckRun Render(params string[] extra) => Confgen.Run(["render", "-i", Inventory, "-o", Output, "-T", Confgen.Templates, .. extra]);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
