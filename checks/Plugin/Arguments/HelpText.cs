namespace StackFsck.Plugin.Arguments;

/// <summary>The --help page of a check: what it does, how to call it, and every option with its value and default.</summary>
public static class HelpText
{
    public static string Render(string name, string description, IReadOnlyList<Option> options)
    {
        var rows = new List<(string Names, string Text)>();
        foreach (Option option in options)
        {
            rows.Add((Names(option), Text(option)));
        }

        int width = 0;
        foreach ((string names, _) in rows)
        {
            width = Math.Max(width, names.Length);
        }

        var page = new System.Text.StringBuilder();
        page.Append($"Description:\n  {description}\n\nUsage:\n  {name} [options]\n\nOptions:\n");
        foreach ((string names, string text) in rows)
        {
            page.Append("  ").Append(names.PadRight(width + 2)).Append(text).Append('\n');
        }

        return page.ToString();
    }

    /// <summary>Single-letter names first, as getopt's manuals do: <c>-w, --warning &lt;RANGE&gt;</c>.</summary>
    private static string Names(Option option)
    {
        static bool IsLong(string name) => name.StartsWith("--", StringComparison.Ordinal);
        string[] names = [.. option.Aliases.Where(alias => !IsLong(alias)), option.Name, .. option.Aliases.Where(IsLong)];
        string hint = option.ValueHint();
        return string.Join(", ", names) + (hint.Length > 0 ? " " + hint : "");
    }

    private static string Text(Option option)
    {
        string text = option.Description ?? "";
        if (option.Required)
        {
            text += " (required)";
        }

        return option.DefaultText() is { Length: > 0 } fallback ? $"{text} [default: {fallback}]" : text;
    }
}
