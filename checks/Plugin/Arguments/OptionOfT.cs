using System.Globalization;

namespace StackFsck.Plugin.Arguments;

/// <summary>An option whose value is a <typeparamref name="T"/>: <c>new Option&lt;int&gt;("--port", "-P") { Description = ... }</c>.</summary>
public sealed class Option<T> : Option
{
    private readonly Func<IReadOnlyList<string>, T>? _readAll;
    private string[]? _allowed;

    public Option(string name, params string[] aliases)
        : base(name, aliases)
    {
    }

    private Option(string name, string[] aliases, Func<IReadOnlyList<string>, T> readAll)
        : base(name, aliases)
    {
        _readAll = readAll;
    }

    /// <summary>
    /// Reads a value from its text, throwing <see cref="FormatException"/> for a bad one. Strings,
    /// whole and decimal numbers need none; every other type must have one.
    /// </summary>
    public Func<string, T>? Parser { get; set; }

    /// <summary>The value when the option is not given; <c>default(T)</c> when unset.</summary>
    public Func<T>? DefaultValueFactory { get; set; }

    public override bool IsFlag => typeof(T) == typeof(bool);

    public override bool IsRepeatable => _readAll is not null;

    /// <summary>Refuses any text but these (compared exactly), and lists them in --help.</summary>
    public Option<T> AcceptOnlyFromAmong(params string[] values)
    {
        _allowed = values;
        return this;
    }

    /// <summary>An option given any number of times, each text read by <paramref name="readAll"/> together (see <see cref="RepeatedOption"/>).</summary>
    internal static Option<T> Collecting(string name, string[] aliases, Func<IReadOnlyList<string>, T> readAll) =>
        new(name, aliases, readAll);

    internal override object? Read(IReadOnlyList<string> texts)
    {
        if (IsFlag)
        {
            return true;
        }

        if (_readAll is not null)
        {
            return _readAll(texts);
        }

        string text = texts[0];
        if (_allowed is not null && Array.IndexOf(_allowed, text) < 0)
        {
            throw new FormatException($"'{text}' is not one of {string.Join(", ", _allowed)}");
        }

        return (Parser ?? ValueParsers.For<T>(Name))(text);
    }

    internal override object? DefaultValue() => DefaultValueFactory is null ? default(T) : DefaultValueFactory();

    internal override string ValueHint() =>
        IsFlag ? ""
        : _allowed is not null ? $"<{string.Join('|', _allowed)}>"
        : $"<{HelpName ?? Name.TrimStart('-').ToUpperInvariant()}>";

    internal override string? DefaultText()
    {
        if (IsFlag || IsRepeatable || DefaultValueFactory is null)
        {
            return null;
        }

        return DefaultValueFactory() switch
        {
            null => null,
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            object value => value.ToString(),
        };
    }
}
