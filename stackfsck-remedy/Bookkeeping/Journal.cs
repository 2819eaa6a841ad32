using System.Text.Json;

namespace StackFsck.Remedy.Bookkeeping;

/// <summary>
/// One journal line: when, which action, what came of it, the facts of the run (tracker, host,
/// service, ...) and the files it left. Written as a JSON object per line, readable by people
/// (grep, tail) and by tools (jq) without a schema.
/// </summary>
public sealed record JournalEntry(DateTimeOffset Time, string Action, string Outcome, IReadOnlyList<KeyValuePair<string, string>> Facts, IReadOnlyList<string> Files);

/// <summary>
/// The journal file: each entry appended as one line by one write(2) on a file opened for appending,
/// so runs of several handlers at once never interleave inside a line.
/// </summary>
public static class Journal
{
    public static void Append(string path, JournalEntry entry)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var line = new MemoryStream();
        using (var json = new Utf8JsonWriter(line))
        {
            json.WriteStartObject();
            json.WriteString("time", entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("action", entry.Action);
            json.WriteString("outcome", entry.Outcome);
            foreach ((string key, string value) in entry.Facts)
            {
                json.WriteString(key, value);
            }

            json.WriteStartArray("files");
            foreach (string written in entry.Files)
            {
                json.WriteStringValue(written);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        line.WriteByte((byte)'\n');
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(line.GetBuffer().AsSpan(0, (int)line.Length));
    }
}
