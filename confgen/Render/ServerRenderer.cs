using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Render;

/// <summary>
/// Renders one monitoring server's tree: common/ (templates/common), and for each scope it
/// watches environments/ENV/SCOPE/ (templates/global or templates/cell), plus nagios.cfg.lines.
/// Then parses and validates what it rendered, so that nothing invalid is ever written.
/// </summary>
public sealed class ServerRenderer(TemplateSet templates, DeploySettings deploy)
{
    public const string LinesFile = "nagios.cfg.lines";

    public RenderedServer Render(EnvironmentSpec environment, ServerSpec server)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string where = $"server {server.Name}";
        foreach ((string name, string text) in templates.Render(TemplateSet.Common, TemplateContext.ForServer(environment, server), where))
        {
            files[$"common/{name}"] = text;
        }

        foreach (Scope scope in environment.ScopesOf(server))
        {
            string layer = scope.IsGlobal ? TemplateSet.Global : TemplateSet.Cell;
            object context = TemplateContext.ForScope(environment, server, scope);
            foreach ((string name, string text) in templates.Render(layer, context, $"{where}, scope {scope.Name}"))
            {
                files[$"environments/{environment.Name}/{scope.Name}/{name}"] = text;
            }
        }

        files[LinesFile] = deploy.NagiosCfgLines(server);
        List<NagiosObject> objects = files.Where(f => f.Key.EndsWith(".cfg", StringComparison.Ordinal))
            .SelectMany(f => ObjectParser.Parse($"{server.Name}/{f.Key}", f.Value))
            .ToList();
        IReadOnlyList<string> errors = ObjectValidator.Check(objects);
        if (errors.Count > 0)
        {
            // One line, as every confgen error: the first problem (rendered file and line), and how many follow it.
            throw new ConfgenException(errors.Count == 1 ? errors[0]
                : $"{errors[0]} (and {errors.Count - 1} more problem(s) in the configuration rendered for {server.Name})");
        }

        return new RenderedServer(environment, server, files, objects);
    }
}

/// <summary>One server's rendered files (relative to its tree) and the objects they define.</summary>
public sealed record RenderedServer(
    EnvironmentSpec Environment,
    ServerSpec Server,
    SortedDictionary<string, string> Files,
    IReadOnlyList<NagiosObject> Objects);
