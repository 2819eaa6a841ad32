using HandlebarsDotNet;
using StackFsck.Confgen.Cli;

namespace StackFsck.Confgen.Render;

/// <summary>
/// The layered templates: templates/common (every server: commands, timeperiods, contacts, host
/// and service templates, plus partials/*.hbs shared by the layers), templates/global (rendered
/// for the global scope) and templates/cell (for each cell). Files end in .cfg.hbs.
/// </summary>
public sealed class TemplateSet
{
    public const string Common = "common";
    public const string Global = "global";
    public const string Cell = "cell";

    private readonly Dictionary<string, List<(string Name, HandlebarsTemplate<object, object> Render)>> layers = [];

    public TemplateSet(string directory)
    {
        // Strict: a misspelt {{name}} fails the render instead of leaving a blank in the config.
        IHandlebars handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            NoEscape = true,
            ThrowOnUnresolvedBindingExpression = true,
        });
        handlebars.RegisterHelper("eq", (in HelperOptions _, in Context _, in Arguments args) =>
            args.Length == 2 && string.Equals(args[0]?.ToString(), args[1]?.ToString(), StringComparison.Ordinal));
        string partials = Path.Combine(directory, Common, "partials");
        if (Directory.Exists(partials))
        {
            foreach (string file in Directory.GetFiles(partials, "*.hbs").Order(StringComparer.Ordinal))
            {
                handlebars.RegisterTemplate(Path.GetFileNameWithoutExtension(file), Read(file));
            }
        }

        foreach (string layer in new[] { Common, Global, Cell })
        {
            string folder = Path.Combine(directory, layer);
            if (!Directory.Exists(folder))
            {
                throw new ConfgenException($"{folder}: missing template folder");
            }

            layers[layer] = Directory.GetFiles(folder, "*.cfg.hbs").Order(StringComparer.Ordinal)
                .Select(file => (Path.GetFileName(file)[..^".hbs".Length], Compile(handlebars, file)))
                .ToList();
        }
    }

    /// <summary>Renders every template of a layer: (output file name, text).</summary>
    public IEnumerable<(string Name, string Text)> Render(string layer, object context, string where)
    {
        foreach ((string name, HandlebarsTemplate<object, object> render) in layers[layer])
        {
            string text;
            try
            {
                text = render(context);
            }
            catch (Exception error) when (error is HandlebarsException or HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException)
            {
                throw new ConfgenException($"templates/{layer}/{name}.hbs ({where}): {error.Message}");
            }

            yield return (name, text);
        }
    }

    private static string Read(string file) => File.ReadAllText(file).ReplaceLineEndings("\n");

    private static HandlebarsTemplate<object, object> Compile(IHandlebars handlebars, string file)
    {
        try
        {
            return handlebars.Compile(Read(file));
        }
        catch (HandlebarsException error)
        {
            throw new ConfgenException($"{file}: {error.Message}");
        }
    }
}
