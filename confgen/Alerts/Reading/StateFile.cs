using System.Globalization;
using System.Text;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// The read position on disk, as a few <c>key=value</c> lines an operator can read. Replaced
/// atomically (write, fsync, rename): a crash leaves the old position or the new one, never half.
/// </summary>
public static class StateFile
{
    /// <summary>The saved position, or null when there is none yet (first run).</summary>
    public static ReadPosition? Load(string path) =>
        File.Exists(path) ? Parse(Values(File.ReadLines(path)), $"state file {path}") : null;

    public static void Save(string path, ReadPosition position) =>
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("# confgen alerts: where the last successful run stopped reading the Nagios log\n" + Format(position)));

    /// <summary>The position as <c>key=value</c> lines (also the head of a batch file).</summary>
    public static string Format(ReadPosition position)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"device={position.File.Device}\ninode={position.File.Inode}\noffset={position.Offset}\n");
        text.Append(CultureInfo.InvariantCulture, $"head={Format(position.Head)}\n");
        if (position.Tail is { } tail)
        {
            text.Append(CultureInfo.InvariantCulture, $"tail={Format(tail)}\n");
        }

        return text.ToString();
    }

    /// <summary>The <c>key=value</c> lines of a file (comments and other lines skipped).</summary>
    public static Dictionary<string, string> Values(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>();
        foreach (string line in lines)
        {
            int equals = line.IndexOf('=');
            if (!line.StartsWith('#') && equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return values;
    }

    /// <summary>The position in <paramref name="values"/>; <paramref name="what"/> names the file for the error. A state file of an older version has no <c>tail</c>.</summary>
    public static ReadPosition Parse(Dictionary<string, string> values, string what)
    {
        try
        {
            return new ReadPosition(
                new FileIdentity(ulong.Parse(values["device"], CultureInfo.InvariantCulture), ulong.Parse(values["inode"], CultureInfo.InvariantCulture)),
                long.Parse(values["offset"], CultureInfo.InvariantCulture),
                ParseFingerprint(values["head"]),
                values.TryGetValue("tail", out string? tail) ? ParseFingerprint(tail) : null);
        }
        catch (Exception error) when (error is KeyNotFoundException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{what} is damaged ({error.Message}); remove it to start again from the beginning of the current log");
        }
    }

    private static string Format(Fingerprint fingerprint) => string.Create(CultureInfo.InvariantCulture, $"{fingerprint.Length}:{fingerprint.Hash:x16}");

    private static Fingerprint ParseFingerprint(string text)
    {
        string[] parts = text.Split(':');
        int length = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return length is >= 0 and <= Fingerprint.MaxLength
            ? new Fingerprint(length, ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : throw new FormatException($"fingerprint length {length} is out of range");
    }
}
