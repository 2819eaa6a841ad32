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
}
