using System.Text;
using StackFsck.Confgen.Cli;

namespace StackFsck.Confgen.Tests;

/// <summary>Tests that swap the process's Console.Out and Console.Error run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}

/// <summary>
/// Mutations of the example inventory (truncations, unclosed brackets and quotes, wrong types,
/// control bytes, deep nesting, broken indentation...) from a fixed seed, each rendered by
/// confgen's own entry point in this process: exit 1 with one line on standard error, or a whole
/// tree; never a stack trace, never a changed tree after a failure, never a leftover folder.
/// bench/inventory_fuzz.sh runs many more cases (STACKFSCK_FUZZ_CASES).
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class InventoryFuzzTests : IDisposable
{
    private const int Seed = 14;

    private static readonly string[] WrongValues =
        ["[a, b]", "{x: 1}", "~", "\"\"", "99999999999999999999", "-1", "true", "&a x", "*nope", "!!binary aGk=", "\"a\\nb\"", "[", "{", "'", "? [k]"];

    private static readonly char[] ControlBytes = ['\0', '\x01', '\x07', '\x1b', '\x7f', '\t', '\r', '\uFEFF', '\uFFFD'];

    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("STACKFSCK_FUZZ_CASES"), out int cases) ? cases : 120;

    [Fact]
    public void Mutated_inventories_fail_in_one_line_with_exit_1_or_render_a_whole_tree()
    {
        Dictionary<string, string> originals = Directory.GetFiles(workspace.Inventory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToDictionary(f => f, File.ReadAllText);
        Assert.Equal(0, Render().Code);
        Dictionary<string, string> tree = Snapshot();
        var random = new Random(Seed);
        for (int i = 0; i < Cases; i++)
        {
            (string file, string text) = originals.ElementAt(random.Next(originals.Count));
            (string mutation, string mutated) = Mutate(text, random);
            File.WriteAllText(file, mutated);
            (int code, string stdout, string stderr) = Render();
            File.WriteAllText(file, text);

            string where = $"case {i} (seed {Seed}): {mutation} in {Path.GetFileName(file)}: exit {code}, stderr [{stderr}]";
            Assert.True(code is 0 or 1, where);
            Assert.DoesNotContain("internal error", stderr);
            Assert.Empty(Directory.GetDirectories(workspace.Root, ".rendered*"));
            if (code == 0)
            {
                Assert.True(stderr.Length == 0 && stdout.StartsWith("rendered ", StringComparison.Ordinal), where);
                tree = Snapshot();
                continue;
            }

            Assert.True(stderr.EndsWith('\n') && stderr.IndexOf('\n') == stderr.Length - 1 && stderr.StartsWith("confgen: ", StringComparison.Ordinal), where);
            Assert.True(tree.SequenceEqual(Snapshot()), $"{where}: the tree changed");
        }
    }

    private static (string Name, string Text) Mutate(string text, Random random)
    {
        int at = random.Next(text.Length);
        string[] lines = text.Split('\n');
        int line = random.Next(lines.Length);
        switch (random.Next(11))
        {
            case 0:
                return ($"truncated at {at}", text[..at]);
            case 1:
                int close = text.IndexOf(']', at) is int c and >= 0 ? c : text.IndexOf(']');
                return close < 0 ? ("unchanged", text) : ($"']' at {close} removed", text.Remove(close, 1));
            case 2:
                int brace = text.IndexOf('}', at) is int b and >= 0 ? b : text.IndexOf('}');
                return brace < 0 ? ("unchanged", text) : ($"'}}' at {brace} removed", text.Remove(brace, 1));
            case 3:
                char control = ControlBytes[random.Next(ControlBytes.Length)];
                return ($"U+{(int)control:X4} inserted at {at}", text.Insert(at, control.ToString()));
            case 4:
                int colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                string value = WrongValues[random.Next(WrongValues.Length)];
                return colon < 0 ? ("unchanged", text) : ($"line {line + 1} given '{value}'", Join(lines, line, lines[line][..(colon + 2)] + value));
            case 5:
                return ($"line {line + 1} repeated", Join(lines, line, lines[line] + "\n" + lines[line]));
            case 6:
                return ($"line {line + 1} removed", string.Join('\n', lines.Where((_, i) => i != line)));
            case 7:
                int shift = random.Next(1, 4);
                return ($"line {line + 1} indented by {shift} more", Join(lines, line, new string(' ', shift) + lines[line]));
            case 8:
                char quote = random.Next(2) == 0 ? '"' : '\'';
                return ($"{quote} inserted at {at}", text.Insert(at, quote.ToString()));
            case 9:
                int depth = random.Next(50, 5000);
                return ($"{depth} '[' inserted at {at}", text.Insert(at, new string('[', depth)));
            default:
                char any = (char)random.Next(0, 128);
                return ($"byte {at} replaced by U+{(int)any:X4}", new StringBuilder(text) { [at] = any }.ToString());
        }
    }

    private static string Join(string[] lines, int index, string replacement) =>
        string.Join('\n', lines.Select((l, i) => i == index ? replacement : l));

    private (int Code, string Stdout, string Stderr) Render()
    {
        TextWriter stdout = Console.Out, stderr = Console.Error;
        var output = new StringWriter();
        var errors = new StringWriter();
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            int code = ConfgenCli.Run(["render", "-i", workspace.Inventory, "-T", Confgen.Templates, "-o", workspace.Output]);
            return (code, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private Dictionary<string, string> Snapshot() => Directory.GetFiles(workspace.Output, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).ToDictionary(f => f, File.ReadAllText);
}
