using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Http;

/// <summary>Where an HTTP check connects: <c>-H</c> and <c>-p</c>, checked while the arguments are parsed.</summary>
public static class HttpOptions
{
    public static Option<string> Host(string description, string fallback) => new("--hostname", "-H")
    {
        Description = description + " (name or IP address)",
        DefaultValueFactory = () => fallback,
        Parser = ParseHost,
    };

    public static Option<int> Port(string description, int fallback) => new("--port", "-p")
    {
        Description = ValueParsers.WithRange(description, 1, 65535),
        DefaultValueFactory = () => fallback,
        Parser = text => ValueParsers.Integer(text, 1, 65535),
    };

    /// <summary>A DNS name or an IPv4/IPv6 address; anything else would fail later as a malformed URL.</summary>
    public static string ParseHost(string text) => Uri.CheckHostName(text) != UriHostNameType.Unknown
        ? text
        : throw new FormatException($"'{PluginText.Printable(text)}' is not a host name or IP address");
}
