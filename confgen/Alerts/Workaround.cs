namespace StackFsck.Alerts;

/// <summary>
/// A service that carries a workaround (confgen's remediation custom variables): the bug it works
/// around (its tracker link), until when, and whether its root cause is diagnosed. Its alerts are
/// those of every service with that description; <see cref="Where"/> says where it is defined
/// (SERVER:HOST-OR-HOSTGROUP), for the reader.
/// </summary>
public sealed record Workaround(string Service, string Link, DateOnly Expires, bool Diagnosed, IReadOnlyList<string> Where)
{
    public bool ExpiredOn(DateOnly today) => Expires < today;

    /// <summary>The tracker id: the last path element of the link (<c>OPS-1234</c> of <c>https://tracker.example.net/browse/OPS-1234</c>).</summary>
    public string Tracker => TrackerOf(Link);

    /// <summary>The last path element of a tracker link, without query or fragment; the link itself when it has no path.</summary>
    public static string TrackerOf(string link)
    {
        string path = link.Split('?', '#')[0].TrimEnd('/');
        string last = path[(path.LastIndexOf('/') + 1)..];
        return last.Length > 0 && !path.EndsWith("//" + last, StringComparison.Ordinal) ? last : link;
    }
}
