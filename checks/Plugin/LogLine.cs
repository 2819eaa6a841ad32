using System.Runtime.CompilerServices;

namespace StackFsck.Plugin;

/// <summary>
/// A <c>-v</c> line written as an interpolated string (<c>context.Log(1, $"connected to {name}")</c>),
/// formatted only when the verbosity shows it: at the default verbosity a check formats none of
/// its log lines, where a string argument would be built at every run and dropped.
/// </summary>
[InterpolatedStringHandler]
public ref struct LogLine
{
    private DefaultInterpolatedStringHandler _text;

    public LogLine(int literalLength, int formattedCount, CheckContext context, int level, out bool shown)
    {
        shown = context.Verbosity >= level;
        _text = shown ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    internal string ToStringAndClear() => _text.ToStringAndClear();
}
