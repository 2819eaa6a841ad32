using System.Buffers;

namespace StackFsck.Plugin.Http;

/// <summary>RFC 9110's token: the characters a header name or method may hold.</summary>
internal static class HttpToken
{
    private static readonly SearchValues<char> Characters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool ContainsOnlyToken(this ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(Characters);
}
