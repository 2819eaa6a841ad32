using System.Text.RegularExpressions;
using StackFsck.Confgen.Nagios;
using StackFsck.Confgen.Render;

namespace StackFsck.Confgen.Diff;

/// <summary>
/// What replacing the deployed tree by a new render adds, changes and removes: files, and Nagios
/// hosts by name (the new render's from its model; the deployed tree's read from its text).
/// </summary>
public sealed partial record TreeDiff(
    IReadOnlyList<string> AddedFiles,
    IReadOnlyList<string> ChangedFiles,
    IReadOnlyList<string> RemovedFiles,
    IReadOnlyList<string> AddedHosts,
    IReadOnlyList<string> RemovedHosts,
    int CurrentHosts)
{
    public bool IsEmpty => AddedFiles.Count + ChangedFiles.Count + RemovedFiles.Count == 0;

    /// <summary>The share of the current hosts the new tree drops (0 when there were none).</summary>
    public double RemovedShare => CurrentHosts == 0 ? 0 : (double)RemovedHosts.Count / CurrentHosts;

    public static TreeDiff Compare(RenderedTree current, RenderedTree next, IReadOnlySet<string> nextHosts)
    {
        List<string> added = next.Files.Keys.Where(f => !current.Files.ContainsKey(f)).ToList();
        List<string> removed = current.Files.Keys.Where(f => !next.Files.ContainsKey(f)).ToList();
        List<string> changed = next.Files.Where(f => current.Files.TryGetValue(f.Key, out string? old) && old != f.Value)
            .Select(f => f.Key).ToList();
        SortedSet<string> before = DeployedHosts(current);
        return new TreeDiff(added, changed, removed, nextHosts.Order(StringComparer.Ordinal).Except(before).ToList(), before.Except(nextHosts).ToList(), before.Count);
    }

    public IEnumerable<string> Lines()
    {
        foreach (string file in AddedFiles)
        {
            yield return $"+ {file}";
        }

        foreach (string file in ChangedFiles)
        {
            yield return $"~ {file}";
        }

        foreach (string file in RemovedFiles)
        {
            yield return $"- {file}";
        }

        foreach (string host in AddedHosts)
        {
            yield return $"+ host {host}";
        }

        foreach (string host in RemovedHosts)
        {
            yield return $"- host {host}";
        }

        yield return $"{AddedFiles.Count} files added, {ChangedFiles.Count} changed, {RemovedFiles.Count} removed; "
            + $"{AddedHosts.Count} hosts added, {RemovedHosts.Count} removed of {CurrentHosts}";
    }

    /// <summary>The hosts of a deployed tree: Nagios' <c>define host</c> objects, or the <c>object Host "NAME" {</c> lines of an Icinga 2 render.</summary>
    private static SortedSet<string> DeployedHosts(RenderedTree tree) => new(
        tree.Files.Where(f => f.Key.EndsWith(".cfg", StringComparison.Ordinal) && f.Value.Contains("define host", StringComparison.Ordinal))
            .SelectMany(f => ObjectParser.Parse(f.Key, f.Value))
            .Where(o => o.Type == "host" && !o.IsTemplate && o.Get("host_name") is not null)
            .Select(o => o.Get("host_name")!)
            .Concat(tree.Files.Where(f => f.Key.EndsWith(".conf", StringComparison.Ordinal))
                .SelectMany(f => IcingaHost().Matches(f.Value)).Select(m => m.Groups["name"].Value)),
        StringComparer.Ordinal);

    [GeneratedRegex(@"^object Host ""(?<name>[^""\\]+)"" \{$", RegexOptions.Multiline)]
    private static partial Regex IcingaHost();
}
