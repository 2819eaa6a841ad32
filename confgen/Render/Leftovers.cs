using System.Globalization;
using System.Text.RegularExpressions;

namespace StackFsck.Confgen.Render;

/// <summary>
/// The folders a render works in beside its tree, <c>.NAME.new-PID</c> and <c>.NAME.old-PID</c>.
/// A render killed (kill -9, OOM killer, reboot) leaves them behind, up to a whole tree each; the
/// next render removes those of renders no longer running, and never touches a running one's.
/// </summary>
internal static partial class Leftovers
{
    public const string New = "new";
    public const string Old = "old";

    public static string Name(string tree, string kind, int pid) => $".{tree}.{kind}-{pid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Removes dead renders' folders. A render killed between the two renames of the fallback swap
    /// left no tree at all, the previous one in its <c>.old-PID</c>: that one is put back instead.
    /// </summary>
    public static void Clear(string parent, string tree)
    {
        string target = Path.Combine(parent, tree);
        foreach (string folder in Directory.EnumerateDirectories(parent, $".{tree}.*-*"))
        {
            Match match = Pattern().Match(Path.GetFileName(folder));
            if (!match.Success || match.Groups["tree"].Value != tree || IsRunning(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture)))
            {
                continue;
            }

            if (match.Groups["kind"].Value == Old && !Directory.Exists(target))
            {
                Directory.Move(folder, target);
            }
            else
            {
                TreeWriter.DeleteQuietly(folder);
            }
        }
    }

    /// <summary>Our own pid cannot have left anything: a folder with it is from an earlier process that had the same pid.</summary>
    private static bool IsRunning(int pid) => pid != Environment.ProcessId && Directory.Exists($"/proc/{pid}");

    [GeneratedRegex(@"^\.(?<tree>.+)\.(?<kind>new|old)-(?<pid>[0-9]{1,9})$")]
    private static partial Regex Pattern();
}
