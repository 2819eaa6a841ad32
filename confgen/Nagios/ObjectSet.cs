namespace StackFsck.Confgen.Nagios;

/// <summary>One server's objects with template inheritance resolved on demand (a directive not set comes from the 'use' chain).</summary>
public sealed class ObjectSet
{
    private readonly Dictionary<(string Type, string Name), NagiosObject> templates = [];

    public ObjectSet(IReadOnlyList<NagiosObject> objects)
    {
        All = objects;
        foreach (NagiosObject item in objects)
        {
            if (item.Get("name") is { } name)
            {
                templates.TryAdd((item.Type, name), item);
            }

            if (item.Type == "command" && !item.IsTemplate && item.Get("command_name") is { } command)
            {
                Commands.TryAdd(command, item);
            }
        }
    }

    public IReadOnlyList<NagiosObject> All { get; }

    public Dictionary<string, NagiosObject> Commands { get; } = new(StringComparer.Ordinal);

    public IEnumerable<NagiosObject> Real(string type) => All.Where(o => o.Type == type && !o.IsTemplate);

    /// <summary>The directive as Nagios sees it: the object's own, else its template's (depth-first, as nagios4 does for one 'use').</summary>
    public string? Resolve(NagiosObject item, string key)
    {
        for (NagiosObject? current = item; current is not null; current = Parent(current))
        {
            if (current.Get(key) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private NagiosObject? Parent(NagiosObject item) =>
        item.Get("use") is { } use ? templates.GetValueOrDefault((item.Type, use.Split(',')[0].Trim())) : null;
}
