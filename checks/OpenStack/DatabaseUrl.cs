using StackFsck.Plugin;

namespace StackFsck.OpenStack;

/// <summary>
/// An SQLAlchemy database URL as OpenStack writes it (<c>mysql+pymysql://user:pass@host:3306/nova?charset=utf8</c>),
/// in parts. Nova cell mappings may hold a template instead (<c>{scheme}://{username}:{password}@db1/nova_cell1</c>)
/// whose placeholders come from the local <c>[database]/connection</c>.
/// </summary>
public sealed record DatabaseUrl(string Scheme, string? Username, Secret? Password, string? Hostname, int? Port, string Path, string Query)
{
    private static readonly string[] Placeholders = ["{scheme}", "{username}", "{password}", "{hostname}", "{port}", "{path}", "{query}", "{fragment}"];

    /// <summary>The database name: the path without its leading slash.</summary>
    public string Database => Path.TrimStart('/');

    /// <summary>A <c>unix_socket=</c> query parameter, which PyMySQL honours instead of host and port.</summary>
    public string? UnixSocket => Query.Split('&')
        .Select(pair => pair.Split('=', 2))
        .Where(pair => pair.Length == 2 && pair[0] == "unix_socket")
        .Select(pair => Uri.UnescapeDataString(pair[1]))
        .FirstOrDefault();

    public static bool IsTemplate(string text) => Placeholders.Any(text.Contains);

    /// <summary>Fills a cell mapping template from the local connection URL, as nova does.</summary>
    public static string Fill(string template, DatabaseUrl local) => template
        .Replace("{scheme}", local.Scheme)
        .Replace("{username}", Uri.EscapeDataString(local.Username ?? ""))
        .Replace("{password}", Uri.EscapeDataString(local.Password?.Reveal() ?? ""))
        .Replace("{hostname}", local.Hostname ?? "")
        .Replace("{port}", local.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")
        .Replace("{path}", local.Database)
        .Replace("{query}", local.Query)
        .Replace("{fragment}", "");

    /// <summary>Parses a URL; the message of the <see cref="FormatException"/> never contains the password.</summary>
    public static DatabaseUrl Parse(string text)
    {
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new FormatException("database URL without scheme://");
        }

        string rest = text[(schemeEnd + 3)..];
        (rest, string query) = SplitAtFirst(rest, '?');
        int slash = rest.IndexOf('/');
        string authority = slash < 0 ? rest : rest[..slash];
        string path = slash < 0 ? "" : rest[slash..];
        int at = authority.LastIndexOf('@');
        string? userInfo = at < 0 ? null : authority[..at];
        (string? host, int? port) = HostAndPort(at < 0 ? authority : authority[(at + 1)..]);
        string? username = userInfo?.Split(':', 2)[0];
        string? password = userInfo is not null && userInfo.Contains(':') ? userInfo.Split(':', 2)[1] : null;
        return new DatabaseUrl(text[..schemeEnd], Unescape(username), password is null ? null : new Secret(Uri.UnescapeDataString(password)),
            host, port, path, query);
    }

    /// <summary>The URL with its password hidden, for messages.</summary>
    public override string ToString() =>
        $"{Scheme}://{Username}{(Password is null ? "" : ":***")}{(Username is null ? "" : "@")}{Hostname}{(Port is null ? "" : ":" + Port)}{Path}";

    private static (string Before, string After) SplitAtFirst(string text, char separator)
    {
        int index = text.IndexOf(separator);
        return index < 0 ? (text, "") : (text[..index], text[(index + 1)..]);
    }

    private static (string? Host, int? Port) HostAndPort(string hostPort)
    {
        if (hostPort.Length == 0)
        {
            return (null, null);
        }

        int colon = hostPort.StartsWith('[') ? hostPort.IndexOf("]:", StringComparison.Ordinal) + 1 : hostPort.LastIndexOf(':');
        if (colon <= 0)
        {
            return (hostPort.Trim('[', ']'), null);
        }

        return int.TryParse(hostPort[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            ? (hostPort[..colon].Trim('[', ']'), port)
            : throw new FormatException("database URL with a port that is not a number");
    }

    private static string? Unescape(string? text) => text is null ? null : Uri.UnescapeDataString(text);
}
