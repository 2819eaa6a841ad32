using System.Globalization;

namespace StackFsck.Alerts.Reading;

/// <summary>
/// The read position on disk, as a few <c>key=value</c> lines an operator can read. Replaced
/// atomically (write, fsync, rename): a crash leaves the old position or the new one, never half.
/// </summary>
public static class StateFile
{
    /// <summary>The saved position, or null when there is none yet (first run).</summary>
    public static ReadPosition? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var values = new Dictionary<string, string>();
        foreach (string line in File.ReadLines(path))
        {
            int equals = line.IndexOf('=');
            if (!line.StartsWith('#') && equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        try
        {
            string[] head = values["head"].Split(':');
            return new ReadPosition(
                new FileIdentity(ulong.Parse(values["device"], CultureInfo.InvariantCulture), ulong.Parse(values["inode"], CultureInfo.InvariantCulture)),
                long.Parse(values["offset"], CultureInfo.InvariantCulture),
                new HeadFingerprint(int.Parse(head[0], CultureInfo.InvariantCulture), ulong.Parse(head[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }
        catch (Exception error) when (error is KeyNotFoundException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"state file {path} is damaged ({error.Message}); remove it to start again from the beginning of the current log");
        }
    }

    public static void Save(string path, ReadPosition position)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"""
            # confgen alerts: where the last successful run stopped reading the Nagios log
            device={position.File.Device}
            inode={position.File.Inode}
            offset={position.Offset}
            head={position.Head.Length}:{position.Head.Hash:x16}

            """);
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(text));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
