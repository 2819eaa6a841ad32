using System.Runtime.CompilerServices;
using System.Text;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Counting;

/// <summary>What is counted: one kind of event for one host (and service) in one type and state.</summary>
public sealed record EventKey(EventKind Kind, string Host, string Service, string Type, string State)
{
    private const char Separator = '\n'; // never inside a log line

    /// <summary>
    /// Writes the event's counting key into <paramref name="key"/> (bytes widened one to one, no
    /// decoding, so this stays cheap per line); returns its length, or -1 if it does not fit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Write(in AlertEvent parsed, Span<char> key) => Write(parsed, parsed.Kind, key);

    /// <summary>The same, counted as <paramref name="kind"/> (a service alert that belongs to its host's incident).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Write(in AlertEvent parsed, EventKind kind, Span<char> key)
    {
        int length = 1 + parsed.Host.Length + 1 + parsed.Service.Length + 1 + parsed.Type.Length + 1 + parsed.State.Length;
        if (length > key.Length)
        {
            return -1;
        }

        key[0] = KindChar(kind);
        int at = 1;
        at = Append(parsed.Host, key, at);
        at = Append(parsed.Service, key, at);
        at = Append(parsed.Type, key, at);
        Latin1.GetChars(parsed.State, key[at..]);
        return length;
    }

    /// <summary>A key of the same event, counted as <paramref name="kind"/>.</summary>
    internal static string AsKind(string key, EventKind kind) => KindChar(kind) + key[1..];

    /// <summary>The host a key names (widened, as the keys are).</summary>
    internal static string HostOf(string key) => key[1..key.IndexOf(Separator, 1)];

    /// <summary>The event a key stands for, its text decoded as UTF-8.</summary>
    internal static EventKey Read(string key)
    {
        string[] parts = key[1..].Split(Separator);
        return new EventKey((EventKind)(key[0] - 'A'), Decode(parts[0]), Decode(parts[1]), Decode(parts[2]), Decode(parts[3]));
    }

    private static readonly Encoding Latin1 = Encoding.Latin1;

    private static char KindChar(EventKind kind) => (char)('A' + (int)kind);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Append(ReadOnlySpan<byte> part, Span<char> key, int at)
    {
        at += Latin1.GetChars(part, key[at..]);
        key[at] = Separator;
        return at + 1;
    }

    private static string Decode(string widened) => Encoding.UTF8.GetString(Latin1.GetBytes(widened));
}
