using System.Text;
using StackFsck.Alerts.Reading;

namespace StackFsck.Alerts.Counting;

/// <summary>
/// The hosts DOWN or UNREACHABLE where the last run stopped, one name a line, so that the
/// next run counts the service alerts of a host that went down a minute earlier under the host's
/// incident too. Kept beside the position file (<c>STATE.hosts</c>) and replaced atomically.
/// </summary>
public static class HostStates
{
    // Host names are kept as the log's bytes, widened one to one (as the counting keys are).
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static string PathFor(string statePath) => statePath + ".hosts";

    /// <summary>The saved hosts; none when there is no file yet.</summary>
    public static IReadOnlyList<string> Load(string path) =>
        File.Exists(path) ? File.ReadAllLines(path, Latin1).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList() : [];

    public static void Save(string path, IEnumerable<string> hostsDown) => AtomicFile.Write(path, Latin1.GetBytes(
        "# confgen alerts: hosts DOWN or UNREACHABLE at the last counted line\n" + string.Concat(hostsDown.Select(host => host + "\n"))));
}
