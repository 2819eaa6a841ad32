using System.Text;

namespace StackFsck.Alerts.Report;

/// <summary>A plain text table: a title, a header, columns padded to their widest cell; numbers right-aligned.</summary>
public sealed class TextTable(string title, params string[] header)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] row) => _rows.Add(row);

    public string Render()
    {
        int[] widths = header.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder().Append(title).Append('\n');
        foreach (string[] row in _rows.Prepend(header))
        {
            string line = string.Join("  ", row.Select((cell, i) => IsNumber(cell) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
            text.Append(line.TrimEnd()).Append('\n');
        }

        if (_rows.Count == 0)
        {
            text.Append("(none)\n");
        }

        return text.ToString();
    }

    private static bool IsNumber(string cell) => cell.Length > 0 && cell.All(char.IsAsciiDigit);
}
