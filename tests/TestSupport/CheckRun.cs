using System.Globalization;

namespace StackFsck.Tests;

/// <summary>One run of a check binary: exit code, standard output and error, and its perfdata parsed.</summary>
public sealed record CheckRun(int ExitCode, string Stdout, string Stderr)
{
    public string FirstLine => Stdout.Split('\n')[0];

    /// <summary>The first line's text before any <c>|</c>.</summary>
    public string Text => FirstLine.Split('|')[0].TrimEnd();

    /// <summary>Lines after the first, up to a perfdata continuation.</summary>
    public IReadOnlyList<string> LongOutput => Stdout.Split('\n').Skip(1)
        .TakeWhile(line => !line.StartsWith('|'))
        .Where(line => line.Length > 0)
        .ToList();

    /// <summary>All perfdata, from the first line and any continuation after the long output, by label.</summary>
    public IReadOnlyDictionary<string, PerfValue> Perfdata
    {
        get
        {
            var all = new Dictionary<string, PerfValue>();
            string[] lines = Stdout.Split('\n');
            IEnumerable<string> chunks = lines.Take(1).Concat(lines.Skip(1).SkipWhile(l => !l.StartsWith('|')))
                .Where(l => l.Contains('|'))
                .Select(l => l[(l.IndexOf('|') + 1)..]);
            foreach (string token in chunks.SelectMany(Tokens))
            {
                PerfValue value = PerfValue.Parse(token);
                all[value.Label] = value;
            }

            return all;
        }
    }

    public double Perf(string label) => Perfdata.TryGetValue(label, out PerfValue? value) && value.Value is double v
        ? v
        : throw new KeyNotFoundException($"no perfdata '{label}' in: {Stdout}");

    public override string ToString() => $"exit {ExitCode}\n{Stdout}{(Stderr.Length > 0 ? "stderr: " + Stderr : "")}";

    /// <summary>Splits on spaces, keeping quoted labels ('a b'=1) whole.</summary>
    private static IEnumerable<string> Tokens(string perfdata)
    {
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in perfdata.Trim())
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }

            if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                }

                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}

/// <summary>One perfdata item <c>label=valueUOM;warn;crit;min;max</c>.</summary>
public sealed record PerfValue(string Label, double? Value, string Unit, string Warning, string Critical, string Min, string Max)
{
    public static PerfValue Parse(string token)
    {
        int equals = token.LastIndexOf('=');
        string label = token[..equals].Trim('\'');
        string[] fields = token[(equals + 1)..].Split(';');
        string raw = fields[0];
        int unitStart = raw.Length;
        while (unitStart > 0 && !char.IsDigit(raw[unitStart - 1]) && raw != "U")
        {
            unitStart--;
        }

        double? value = raw == "U" ? null : double.Parse(raw[..unitStart], CultureInfo.InvariantCulture);
        string Field(int i) => fields.Length > i ? fields[i] : "";
        return new PerfValue(label, value, raw == "U" ? "" : raw[unitStart..], Field(1), Field(2), Field(3), Field(4));
    }
}
