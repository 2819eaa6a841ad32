namespace StackFsck.Remedy.Tests;

/// <summary>
/// A scratch folder for one test: the remedy's output folder and journal, marker files that the
/// test's shell commands write, and the argument vector of a service event handler run.
/// </summary>
public sealed class RemedyFolder : IDisposable
{
    public RemedyFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "stackfsck-remedy-" + Guid.NewGuid().ToString("N"));

    public string Output => Path.Combine(Root, "out");

    public string Journal => Path.Combine(Output, "journal.jsonl");

    /// <summary>A metric prefix of this test's own, so counters of other tests never add up with its.</summary>
    public string Prefix { get; } = "r" + Guid.NewGuid().ToString("N")[..10];

    public string Marker(string name) => Path.Combine(Root, name);

    public IReadOnlyList<string> JournalLines => File.Exists(Journal) ? File.ReadAllLines(Journal) : [];

    /// <summary>The run folders kept for a tracker id.</summary>
    public string[] Runs(string tracker) =>
        Directory.Exists(Path.Combine(Output, tracker)) ? Directory.GetDirectories(Path.Combine(Output, tracker)).Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>A service handler's arguments as confgen renders them; <paramref name="extra"/> adds or overrides settings.</summary>
    public string[] Handler(string state, string type, int attempt, string diagnose, string remedy, string expires = "2099-12-31", params string[] extra) =>
    [
        "handler", "--state", state, "--state-type", type, "--attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--host", "cmp001.cell1.prod.example.net", "--service", "nova compute zombies", "--environment", "prod", "--cell", "cell1",
        "--tracker", "https://tracker.example.net/browse/OPS-1234", "--expires", expires, "--diagnose", diagnose, "--remedy", remedy,
        "--output-dir", Output, "--statsd", StatsDAdmin.Target, "--prefix", Prefix, .. extra,
    ];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
