using StackFsck.Confgen.Cli;

namespace StackFsck.Confgen.Render;

/// <summary>
/// Replaces a rendered tree as one step: writes the new tree beside the old one, then swaps the
/// two by renaming. A failure before the swap leaves the previous tree as it was.
/// </summary>
public static class TreeWriter
{
    public static void Replace(string directory, RenderedTree tree)
    {
        string target = Path.GetFullPath(directory).TrimEnd('/');
        string parent = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        if (Directory.Exists(target) && !File.Exists(Path.Combine(target, RenderedTree.Marker)))
        {
            throw new ConfgenException($"{directory} exists and was not rendered by confgen (no {RenderedTree.Marker}): refusing to replace it");
        }

        Directory.CreateDirectory(parent);
        string fresh = Path.Combine(parent, $".{name}.new-{Environment.ProcessId}");
        string old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
        try
        {
            Write(fresh, tree);
            if (Directory.Exists(target))
            {
                Directory.Move(target, old);
            }

            Directory.Move(fresh, target);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            if (!Directory.Exists(target) && Directory.Exists(old))
            {
                Directory.Move(old, target);
            }

            DeleteQuietly(fresh);
            throw new ConfgenException($"cannot write {directory}: {error.Message} (the previous tree is unchanged)");
        }

        DeleteQuietly(old);
    }

    private static void Write(string root, RenderedTree tree)
    {
        DeleteQuietly(root);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, RenderedTree.Marker), "rendered by confgen; replaced as a whole on every render\n");
        foreach ((string path, string text) in tree.Files)
        {
            string file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    private static void DeleteQuietly(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
