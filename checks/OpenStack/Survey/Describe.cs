using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack.Survey;

/// <summary>The long output's line for one resource found (stuck, expired): what and where it is, how long it has been so, and what to do.</summary>
public static class Describe
{
    /// <summary>"instance UUID (project P, host H): spawning for 3 h 12 min; REMEDY".</summary>
    public static string Line(string what, string? project, string? host, string state, long age, string remedy)
    {
        string[] where = [.. new[] { project is null ? null : $"project {project}", host is null ? null : $"host {host}" }.OfType<string>()];
        string place = where.Length == 0 ? "" : $" ({string.Join(", ", where)})";
        return $"{what}{place}: {state} for {Age.Words(age)}; {remedy}";
    }

    /// <summary>A column that may be NULL or empty, as the line shows it.</summary>
    public static string? Text(DatabaseRow row, int field) => row.String(field) is { Length: > 0 } text ? text : null;
}
