using System.Text;

namespace StackFsck.Alerts.StatsD;

/// <summary>Metric lines packed into UDP payloads of at most <see cref="MaxBytes"/>, lines separated by <c>\n</c>.</summary>
public sealed record Datagrams(IReadOnlyList<byte[]> Payloads, IReadOnlyList<string> TooLong)
{
    /// <summary>What fits an Ethernet frame without IP fragmentation (1500 less IP and UDP headers, with room for options).</summary>
    public const int MaxBytes = 1432;

    /// <summary>Packs lines in order; a line longer than a datagram on its own cannot be sent and is returned in <see cref="TooLong"/>.</summary>
    public static Datagrams Pack(IEnumerable<string> lines)
    {
        var payloads = new List<byte[]>();
        var tooLong = new List<string>();
        var current = new MemoryStream(MaxBytes);
        foreach (string line in lines)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            if (bytes.Length > MaxBytes)
            {
                tooLong.Add(line);
                continue;
            }

            int needed = current.Length == 0 ? bytes.Length : bytes.Length + 1;
            if (current.Length + needed > MaxBytes)
            {
                payloads.Add(current.ToArray());
                current.SetLength(0);
            }

            if (current.Length > 0)
            {
                current.WriteByte((byte)'\n');
            }

            current.Write(bytes);
        }

        if (current.Length > 0)
        {
            payloads.Add(current.ToArray());
        }

        return new Datagrams(payloads, tooLong);
    }
}
