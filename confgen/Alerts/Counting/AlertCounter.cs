using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Counting;

/// <summary>
/// Counts the events of a stream of log lines by <see cref="EventKey"/>. Memory grows with the
/// number of distinct hosts, services and states, never with the number of lines. SOFT alerts
/// are left out unless asked for; a time window, when given, keeps only the events inside it.
/// <para>
/// One incident, one problem: a service alert logged while its host is DOWN or UNREACHABLE (as
/// the HOST ALERT lines so far say, SOFT ones included: nagios4 already holds the service's
/// notifications then, and forces the service HARD without retries) is counted as
/// <see cref="EventKind.ServiceAlertHostDown"/>, under the host's incident, not as a service
/// problem of its own. A counter of one part of a
/// log does not know the host states at its start: it keeps such alerts undecided until
/// <see cref="Gather"/> adds the parts in file order.
/// </para>
/// </summary>
public sealed class AlertCounter
{
    private readonly bool _includeSoft;
    private readonly long _since;
    private readonly long _until;
    private readonly Dictionary<string, long> _counts = [];

    /// <summary>The last state of each host this counter has seen: true for DOWN or UNREACHABLE.</summary>
    private readonly Dictionary<string, bool> _hostDown = [];

    /// <summary>Service alerts of hosts this part has not seen a host alert of yet (the key names the host).</summary>
    private readonly Dictionary<string, long> _undecided = [];

    /// <summary>How many hosts <see cref="_hostDown"/> holds as down: while none is, a whole-log counter looks no host up.</summary>
    private int _downHosts;

    /// <summary>Whether a host without a host alert so far is UP (a whole log) or not known yet (a part).</summary>
    private readonly bool _wholeLog;

    /// <param name="hostsDown">hosts DOWN or UNREACHABLE where the log starts (a previous run's <see cref="HostsDown"/>).</param>
    public AlertCounter(bool includeSoft, long since = long.MinValue, long until = long.MaxValue, IEnumerable<string>? hostsDown = null)
        : this(includeSoft, since, until, wholeLog: true)
    {
        foreach (string host in hostsDown ?? [])
        {
            SetHost(host, down: true);
        }
    }

    private AlertCounter(bool includeSoft, long since, long until, bool wholeLog)
    {
        _includeSoft = includeSoft;
        _since = since;
        _until = until;
        _wholeLog = wholeLog;
    }

    public long Lines { get; private set; }

    public long Events { get; private set; }

    public long Malformed { get; private set; }

    /// <summary>SOFT alerts and events outside the window: well-formed, not counted.</summary>
    public long Skipped { get; private set; }

    public int Distinct => _counts.Count;

    /// <summary>The hosts DOWN or UNREACHABLE after the last line counted, for the next run to start from.</summary>
    public IEnumerable<string> HostsDown => _hostDown.Where(h => h.Value).Select(h => h.Key).Order(StringComparer.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Line(ReadOnlySpan<byte> line)
    {
        Lines++;
        switch (LineParser.Parse(line, out AlertEvent parsed))
        {
            case LineKind.Malformed:
                Malformed++;
                break;
            case LineKind.Event:
                // Host states follow every host alert, inside the window or not, counted or not.
                if (parsed.Kind == EventKind.HostAlert)
                {
                    SetHost(Latin1.GetString(parsed.Host), down: !parsed.State.SequenceEqual("UP"u8));
                }

                if ((_includeSoft || parsed.IsHard) && parsed.Timestamp >= _since && parsed.Timestamp < _until)
                {
                    Count(parsed);
                }
                else
                {
                    Skipped++;
                }

                break;
        }
    }

    /// <summary>A handler factory for <see cref="Reading.ParallelLines"/>: a counter per part, in file order, all added into this one by <see cref="Gather"/>.</summary>
    public Func<Reading.LineHandler> PerPart(List<AlertCounter> parts) => () =>
    {
        var part = new AlertCounter(_includeSoft, _since, _until, wholeLog: false);
        lock (parts)
        {
            parts.Add(part);
        }

        return part.Line;
    };

    /// <summary>
    /// Adds the counts of every part, in file order: each part's undecided service alerts are
    /// judged by the host states the parts before it ended in, then its own host states apply.
    /// </summary>
    public void Gather(List<AlertCounter> parts)
    {
        foreach (AlertCounter part in parts)
        {
            Lines += part.Lines;
            Events += part.Events;
            Malformed += part.Malformed;
            Skipped += part.Skipped;
            foreach ((string key, long count) in part._counts)
            {
                Add(key, count);
            }

            foreach ((string key, long count) in part._undecided)
            {
                bool down = _downHosts > 0 && _hostDown.GetValueOrDefault(EventKey.HostOf(key));
                Add(down ? EventKey.AsKind(key, EventKind.ServiceAlertHostDown) : key, count);
            }

            foreach ((string host, bool down) in part._hostDown)
            {
                SetHost(host, down);
            }
        }
    }

    public IEnumerable<(EventKey Key, long Count)> Counts() =>
        _counts.Select(pair => (EventKey.Read(pair.Key), pair.Value));

    private static readonly Encoding Latin1 = Encoding.Latin1;

    private void Add(string key, long count) => _counts[key] = _counts.GetValueOrDefault(key) + count;

    private void SetHost(string host, bool down)
    {
        bool was = _hostDown.GetValueOrDefault(host);
        _hostDown[host] = down;
        _downHosts += (down ? 1 : 0) - (was ? 1 : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(in AlertEvent parsed)
    {
        Events++;
        EventKind kind = parsed.Kind;
        Dictionary<string, long> counts = _counts;
        Span<char> buffer = stackalloc char[512];
        // A whole log with no host down (the usual minute) looks nothing up; a part looks the host up
        // once it has seen a host alert, and keeps the rest undecided.
        if (kind == EventKind.ServiceAlert && (_downHosts > 0 || !_wholeLog))
        {
            bool known = false, down = false;
            if (_hostDown.Count > 0)
            {
                // The host widened in place (no string per line): millions of alerts pass here.
                Span<char> host = parsed.Host.Length <= buffer.Length ? buffer[..Latin1.GetChars(parsed.Host, buffer)] : Latin1.GetString(parsed.Host).ToCharArray();
                known = _hostDown.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(host, out down);
            }

            kind = down ? EventKind.ServiceAlertHostDown : kind;
            counts = known || _wholeLog ? counts : _undecided;
        }

        int length = EventKey.Write(parsed, kind, buffer);
        if (length < 0)
        {
            buffer = new char[parsed.Host.Length + parsed.Service.Length + parsed.Type.Length + parsed.State.Length + 4];
            length = EventKey.Write(parsed, kind, buffer);
        }

        ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts.GetAlternateLookup<ReadOnlySpan<char>>(), buffer[..length], out _);
        count++;
    }
}
