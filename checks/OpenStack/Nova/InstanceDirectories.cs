using StackFsck.Plugin;

namespace StackFsck.OpenStack.Nova;

/// <summary>One instance directory under Nova's instances path, with the apparent size of everything in it.</summary>
public sealed record InstanceDirectory(Guid Uuid, string Path, long Bytes);

/// <summary>
/// Finds the per-instance directories nova-compute keeps under <c>[DEFAULT]/instances_path</c>:
/// named by the instance uuid, or uuid<c>_resize</c> / uuid<c>_del</c> while a resize or a delete
/// is under way or was left half done. Other entries (<c>_base</c>, <c>locks</c>, <c>compute_nodes</c>) are not instances.
/// </summary>
public static class InstanceDirectories
{
    private static readonly string[] Suffixes = ["_resize", "_del"];

    public static List<InstanceDirectory> Scan(string instancesPath)
    {
        try
        {
            return new DirectoryInfo(instancesPath).EnumerateDirectories()
                .Select(dir => (dir, uuid: UuidOf(dir.Name)))
                .Where(entry => entry.uuid is not null)
                .Select(entry => new InstanceDirectory(entry.uuid!.Value, entry.dir.FullName, SizeOf(entry.dir)))
                .ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckException($"cannot read the instances path {instancesPath}: {error.Message}");
        }
    }

    /// <summary>
    /// A directory left behind: Nova knows no instance of its uuid, or deleted it before
    /// <paramref name="cutoff"/> (now less the grace). The check counts these; the remedy moves them.
    /// </summary>
    public static bool IsLeftover(NovaInstance? instance, DateTime cutoff) => instance is null || instance.DeletedBefore(cutoff);

    /// <summary>The instance uuid a directory name stands for, or null when it names no instance.</summary>
    public static Guid? UuidOf(string name)
    {
        string bare = Suffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal)) is string suffix
            ? name[..^suffix.Length]
            : name;
        return bare.Length == 36 && Guid.TryParseExact(bare, "D", out Guid uuid) ? uuid : null;
    }

    /// <summary>Apparent size (what <c>du --apparent-size</c> shows); a sparse raw disk may occupy less.</summary>
    private static long SizeOf(DirectoryInfo dir) => dir
        .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
        .Sum(file => file.Length);
}
