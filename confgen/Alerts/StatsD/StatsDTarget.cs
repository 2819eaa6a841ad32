using System.Globalization;

namespace StackFsck.Alerts.StatsD;

/// <summary>Where StatsD listens: <c>HOST[:PORT]</c> (port 8125 by default), <c>[v6]:PORT</c> for IPv6 literals.</summary>
public sealed record StatsDTarget(string Host, int Port)
{
    public const int DefaultPort = 8125;

    public static StatsDTarget Parse(string text)
    {
        // One colon separates the port; a bare IPv6 address has several and no port.
        int colon = text.LastIndexOf(':');
        bool hasPort = colon >= 0 && (text.IndexOf(':') == colon || (text.StartsWith('[') && text[colon - 1] == ']'));
        string host = (hasPort ? text[..colon] : text).Trim('[', ']');
        if (host.Length == 0)
        {
            throw new FormatException($"'{text}' names no StatsD host (HOST[:PORT])");
        }

        if (!hasPort)
        {
            return new StatsDTarget(host, DefaultPort);
        }

        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? new StatsDTarget(host, port)
            : throw new FormatException($"'{text}' has no valid port (1-65535)");
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
