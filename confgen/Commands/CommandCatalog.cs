using StackFsck.Confgen.Inventory;
using YamlDotNet.RepresentationModel;

namespace StackFsck.Confgen.Commands;

/// <summary>
/// templates/common/commands.yaml: every check's options and the commands built from them. Read
/// once; every command, and every service variable that sets an option, is known from here.
/// </summary>
public sealed class CommandCatalog
{
    public const string FileName = "commands.yaml";

    /// <summary>No commands: for reading and writing Nagios text that sets no check option.</summary>
    public static readonly CommandCatalog None = new([], new Dictionary<string, List<CheckOption>>());

    private readonly Dictionary<string, CheckOption> optionalByVariable = new(StringComparer.Ordinal);

    private readonly Dictionary<string, CheckOption> optionByVariable = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<CheckOption>> checks;

    private CommandCatalog(IReadOnlyList<CheckCommand> commands, Dictionary<string, List<CheckOption>> checks)
    {
        this.checks = checks;
        Commands = commands;
        ByName = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (CheckOption option in commands.SelectMany(c => c.Optional))
        {
            optionalByVariable.TryAdd(option.Variable, option);
        }

        foreach (CheckOption option in checks.Values.SelectMany(o => o))
        {
            optionByVariable.TryAdd(option.Variable, option);
        }
    }

    public IReadOnlyList<CheckCommand> Commands { get; }

    public IReadOnlyDictionary<string, CheckCommand> ByName { get; }

    /// <summary>The option a custom variable leaves out when empty (an optional one of some command), or null.</summary>
    public CheckOption? OptionalOption(string variable) => optionalByVariable.GetValueOrDefault(variable);

    /// <summary>The option a custom variable sets (of any command), or null.</summary>
    public CheckOption? Option(string variable) => optionByVariable.GetValueOrDefault(variable);

    /// <summary>Every option the catalog lists for a check (also those its commands fix), in command-line order.</summary>
    public IReadOnlyList<CheckOption> OptionsOf(string check) => checks.GetValueOrDefault(check) ?? [];

    public static CommandCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InventoryException($"{path}: missing (the commands and their options)");
        }

        var commands = new List<CheckCommand>();
        var checks = new Dictionary<string, List<CheckOption>>(StringComparer.Ordinal);
        foreach (YamlDocument document in YamlDocuments.Load(path))
        {
            var root = new YamlMap(document.RootNode, path, "checks", "commands");
            foreach ((string check, _, YamlNode options) in root.Entries("checks"))
            {
                checks[check] = root.Items(options, check).Select(node => Option(root, check, node)).ToList();
            }

            commands.AddRange(root.Sequence("commands").Select(node => Command(root, node, checks)));
        }

        var catalog = new CommandCatalog(commands, checks);
        catalog.CheckRequiredEverywhereOrNowhere(path);
        return catalog;
    }

    private static CheckOption Option(YamlMap root, string check, YamlNode node)
    {
        YamlMap option = root.Child(node, "option", "flag", "switch", "repeat", "description", "default");
        string name = option.Required("option");
        return new CheckOption(
            name,
            option.Optional("flag", name),
            CheckOption.VariableOf(check, name),
            option.Required("description"),
            option.Get("default") is { } value ? option.Text(value) : null,
            option.Flag("switch"),
            option.Flag("repeat"));
    }

    private static CheckCommand Command(YamlMap root, YamlNode node, Dictionary<string, List<CheckOption>> checks)
    {
        YamlMap command = root.Child(node, "name", "check", "comment", "fixed", "required");
        string name = command.Required("name");
        string check = command.Required("check");
        IReadOnlyList<string> fixedArguments = command.Texts("fixed");
        List<CheckOption> options = checks.GetValueOrDefault(check) ?? [];
        var required = new List<CheckOption>();
        foreach (string wanted in command.Texts("required"))
        {
            required.Add(options.Find(o => o.Option == wanted)
                ?? throw InventoryException.At(command.Source, $"command '{name}' requires {wanted}, which is not an option of {check}"));
        }

        // An option the fixed arguments give already is not the service's to set.
        HashSet<string> fixedFlags = [.. fixedArguments.Select(a => a.Split(' ')[0])];
        List<CheckOption> optional = options
            .Where(o => !required.Contains(o) && !fixedFlags.Contains(o.Flag) && !fixedFlags.Contains(o.Option))
            .ToList();
        return new CheckCommand(name, check, command.Optional("comment", ""), fixedArguments, required, optional);
    }

    /// <summary>
    /// A variable means one thing on every service: an option two commands share must be required
    /// by both or by neither, since an optional variable carries its flag in Nagios and a required one does not.
    /// </summary>
    private void CheckRequiredEverywhereOrNowhere(string path)
    {
        foreach (CheckOption option in Commands.SelectMany(c => c.Required).Where(o => optionalByVariable.ContainsKey(o.Variable)))
        {
            throw new InventoryException($"{path}: {option.Option} ({option.Variable}) is required by one command and optional in another of the same check");
        }
    }
}
