namespace StackFsck.Plugin.Arguments;

/// <summary>Options given any number of times, each value read on its own: <c>-d nova -d cinder:cinder</c>. Not given, the value is empty.</summary>
public static class RepeatedOption
{
    public static Option<T[]> Create<T>(string name, string[] aliases, Func<string, T> parse, string description, string helpName, bool required = false)
    {
        var option = Option<T[]>.Collecting(name, aliases, texts => ReadEach(texts, parse));
        option.Description = description;
        option.HelpName = helpName;
        option.Required = required;
        option.DefaultValueFactory = () => [];
        return option;
    }

    private static T[] ReadEach<T>(IReadOnlyList<string> texts, Func<string, T> parse)
    {
        var values = new T[texts.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = parse(texts[i]);
        }

        return values;
    }
}
