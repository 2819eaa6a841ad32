using System.Runtime.InteropServices;
using StackFsck.Confgen.Cli;

namespace StackFsck.Confgen.Render;

/// <summary>
/// Replaces a rendered tree as one step: writes the new tree beside the old one (<c>.NAME.new-PID</c>),
/// then exchanges the two with renameat2(RENAME_EXCHANGE), so the tree's path never stops holding a
/// whole tree. A failure or a kill before the exchange leaves the previous tree as it was; what a
/// killed render leaves beside it is removed by the next render (<see cref="ClearLeftovers"/>).
/// </summary>
public static partial class TreeWriter
{
    public static void Replace(string directory, RenderedTree tree)
    {
        string target = Path.GetFullPath(directory).TrimEnd('/');
        string parent = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        if (Directory.Exists(target) && !File.Exists(Path.Combine(target, RenderedTree.Marker)))
        {
            throw new ConfgenException($"{directory} exists and was not rendered by confgen (no {RenderedTree.Marker}): refusing to replace it");
        }

        string fresh = Path.Combine(parent, Leftovers.Name(name, Leftovers.New, Environment.ProcessId));
        string old = Path.Combine(parent, Leftovers.Name(name, Leftovers.Old, Environment.ProcessId));
        try
        {
            Write(fresh, tree);
            if (!Directory.Exists(target))
            {
                Directory.Move(fresh, target);
            }
            else if (RenameAt2(AtCurrentDirectory, fresh, AtCurrentDirectory, target, RenameExchange) != 0)
            {
                // A file system without RENAME_EXCHANGE: two renames, with a moment between them without a tree.
                Directory.Move(target, old);
                Directory.Move(fresh, target);
            }
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

        DeleteQuietly(fresh); // after the exchange, the previous tree
        DeleteQuietly(old);
    }

    /// <summary>
    /// Removes what killed renders left beside the tree at <paramref name="directory"/> (and puts
    /// back a tree one moved aside): before the current tree is read, so it is compared too.
    /// </summary>
    public static void ClearLeftovers(string directory)
    {
        string target = Path.GetFullPath(directory).TrimEnd('/');
        string parent = Path.GetDirectoryName(target)!;
        if (Directory.Exists(parent))
        {
            Leftovers.Clear(parent, Path.GetFileName(target));
        }
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

    internal static void DeleteQuietly(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
