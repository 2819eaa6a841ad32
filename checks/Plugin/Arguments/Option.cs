namespace StackFsck.Plugin.Arguments;

/// <summary>
/// One command-line option of a check: its names, its help text and how its value is read.
/// <see cref="CommandLine"/> parses a set of them. A <c>bool</c> option is a flag: it takes no
/// value and is counted when repeated (<c>-vvv</c>).
/// </summary>
public abstract class Option
{
    private protected Option(string name, string[] aliases)
    {
        Name = name;
        Aliases = aliases;
    }

    /// <summary>The long name, e.g. <c>--warning</c>.</summary>
    public string Name { get; }

    /// <summary>Further names, e.g. <c>-w</c>.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public string? Description { get; set; }

    /// <summary>What --help calls the value (<c>--host &lt;HOST&gt;</c>); the name in capitals when unset.</summary>
    public string? HelpName { get; set; }

    /// <summary>A run without this option is an argument error (not -h or -V, which need nothing else).</summary>
    public bool Required { get; set; }

    public abstract bool IsFlag { get; }

    /// <summary>Collects every occurrence (<c>-d nova -d cinder</c>); any other option may be given once.</summary>
    public abstract bool IsRepeatable { get; }

    /// <summary>Reads the texts given on the command line; throws <see cref="FormatException"/> with a message for the user.</summary>
    internal abstract object? Read(IReadOnlyList<string> texts);

    /// <summary>The value when the option is not on the command line.</summary>
    internal abstract object? DefaultValue();

    /// <summary>The value's placeholder in --help: <c>&lt;HOST&gt;</c>, <c>&lt;GET|HEAD&gt;</c>, nothing for a flag.</summary>
    internal abstract string ValueHint();

    /// <summary>The default as --help shows it, or null when there is none worth showing.</summary>
    internal abstract string? DefaultText();
}
