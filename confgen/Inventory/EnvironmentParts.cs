using YamlDotNet.RepresentationModel;

namespace StackFsck.Confgen.Inventory;

/// <summary>One environment gathered from the files that name it; Build() gives the model.</summary>
internal sealed class EnvironmentParts(string name)
{
    public static readonly string[] Keys = ["environment", "servers", "contacts", "vars", "global", "cells"];

    private readonly List<ServerSpec> servers = [];
    private readonly List<ContactSpec> contacts = [];
    private readonly List<Scope> cells = [];
    private readonly Dictionary<string, string> vars = new(StringComparer.Ordinal);
    private readonly List<Tuning> tuning = [];
    private SourceLocation? home;
    private Scope? global;

    public string Name => name;

    public void Add(YamlMap document)
    {
        if (document.Get("servers") is not null)
        {
            if (home is not null)
            {
                throw InventoryException.At(document.Source, $"environment '{name}' already has its servers in {home}");
            }

            home = document.Source;
            servers.AddRange(document.Sequence("servers").Select(node => Server(document, node)));
            contacts.AddRange(document.Sequence("contacts").Select(node => Contact(document, node)));
            (Dictionary<string, string> custom, List<Tuning> settings) = ScopeReader.Vars(document);
            foreach ((string key, string value) in custom)
            {
                vars[key] = value;
            }

            tuning.AddRange(settings);
        }
        else if (document.Get("contacts") is not null || document.Get("vars") is not null)
        {
            throw InventoryException.At(document.Source, "'contacts' and 'vars' belong in the file that lists the environment's 'servers'");
        }

        if (document.Get("global") is { } globalNode)
        {
            if (global is not null)
            {
                throw InventoryException.At(document.At(globalNode), $"environment '{name}' already has a global scope at {global.Source}");
            }

            global = ScopeReader.Read(document, globalNode, Scope.GlobalName, document.At(globalNode));
        }

        foreach ((string cell, SourceLocation where, YamlNode node) in document.Entries("cells"))
        {
            if (!Names.IsPart(cell) || cell == Scope.GlobalName)
            {
                throw InventoryException.At(where, $"cell name '{cell}' may hold only a-z, 0-9, _ and - and may not be '{Scope.GlobalName}'");
            }

            if (cells.Find(c => c.Name == cell) is { } earlier)
            {
                throw InventoryException.At(where, $"cell '{cell}' of environment '{name}' is already defined at {earlier.Source}");
            }

            cells.Add(ScopeReader.Read(document, node, cell, where));
        }
    }

    public EnvironmentSpec Build()
    {
        SourceLocation where = home ?? throw new InventoryException(
            $"environment '{name}' has no 'servers' list: add one to exactly one of its files");
        return new EnvironmentSpec(name, servers, contacts, global, cells.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(), vars, tuning, where);
    }

    private static ServerSpec Server(YamlMap document, YamlNode node)
    {
        YamlMap server = document.Child(node, "name", "class", "cells");
        string serverName = server.Required("name");
        if (!Names.IsHost(serverName))
        {
            throw InventoryException.At(server.Source, $"server name '{serverName}' may hold only letters, digits, '.', '_' and '-'");
        }

        ServerClass @class = server.Required("class") switch
        {
            "global" => ServerClass.Global,
            "cell" => ServerClass.Cell,
            "mixed" => ServerClass.Mixed,
            string other => throw InventoryException.At(server.At(server.Get("class")!), $"server class '{other}' is not global, cell or mixed"),
        };
        return new ServerSpec(serverName, @class, server.Texts("cells"), server.Source);
    }

    private static ContactSpec Contact(YamlMap document, YamlNode node)
    {
        YamlMap contact = document.Child(node, "name", "email", "pager");
        string contactName = contact.Required("name");
        InventoryLoader.RequirePart(contact, node, contactName, "contact");
        string? pager = contact.Get("pager") is { } value ? contact.Text(value) : null;
        return new ContactSpec(contactName, contact.Required("email"), pager, contact.Source);
    }
}
