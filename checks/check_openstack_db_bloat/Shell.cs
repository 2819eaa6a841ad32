namespace StackFsck.Checks.DbBloat;

/// <summary>Quotes a word for a POSIX shell only when it needs it, so a printed command pastes as it reads.</summary>
internal static class Shell
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_./:=@%+,-".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
