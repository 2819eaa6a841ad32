using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Counting;

/// <summary>
/// Counts the events of a stream of log lines by <see cref="EventKey"/>. Memory grows with the
/// number of distinct hosts, services and states, never with the number of lines. SOFT alerts
/// are left out unless asked for; a time window, when given, keeps only the events inside it.
/// </summary>
public sealed class AlertCounter(bool includeSoft, long since = long.MinValue, long until = long.MaxValue)
{
    private readonly Dictionary<string, long> _counts = [];

    public long Lines { get; private set; }

    public long Events { get; private set; }

    public long Malformed { get; private set; }

    /// <summary>SOFT alerts and events outside the window: well-formed, not counted.</summary>
    public long Skipped { get; private set; }

    public int Distinct => _counts.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Line(ReadOnlySpan<byte> line)
    {
        Lines++;
        switch (LineParser.Parse(line, out AlertEvent parsed))
        {
            case LineKind.Malformed:
                Malformed++;
                break;
            case LineKind.Event when (includeSoft || parsed.IsHard) && parsed.Timestamp >= since && parsed.Timestamp < until:
                Count(parsed);
                break;
            case LineKind.Event:
                Skipped++;
                break;
        }
    }

    /// <summary>Adds what another counter (of another part of the same log) counted.</summary>
    public void Add(AlertCounter other)
    {
        Lines += other.Lines;
        Events += other.Events;
        Malformed += other.Malformed;
        Skipped += other.Skipped;
        foreach ((string key, long count) in other._counts)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + count;
        }
    }

    /// <summary>A handler factory for <see cref="Reading.ParallelLines"/>: a counter per part, all added into this one by <see cref="Gather"/>.</summary>
    public Func<Reading.LineHandler> PerPart(List<AlertCounter> parts) => () =>
    {
        var part = new AlertCounter(includeSoft, since, until);
        lock (parts)
        {
            parts.Add(part);
        }

        return part.Line;
    };

    /// <summary>Adds the counts of every part into this counter.</summary>
    public void Gather(List<AlertCounter> parts)
    {
        foreach (AlertCounter part in parts)
        {
            Add(part);
        }
    }

    public IEnumerable<(EventKey Key, long Count)> Counts() =>
        _counts.Select(pair => (EventKey.Read(pair.Key), pair.Value));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(in AlertEvent parsed)
    {
        Events++;
        Span<char> buffer = stackalloc char[512];
        int length = EventKey.Write(parsed, buffer);
        if (length < 0)
        {
            buffer = new char[parsed.Host.Length + parsed.Service.Length + parsed.Type.Length + parsed.State.Length + 4];
            length = EventKey.Write(parsed, buffer);
        }

        ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts.GetAlternateLookup<ReadOnlySpan<char>>(), buffer[..length], out _);
        count++;
    }
}
