using System.Text.Json;

namespace StackFsck.Checks.RabbitMq;

/// <summary>One JSON token: its type, and its text (a property name or string) or number.</summary>
internal readonly record struct JsonToken(JsonTokenType Type, string? Text, double Number);

/// <summary>
/// JSON tokens read one at a time from a stream with <see cref="Utf8JsonReader"/>, in a buffer
/// refilled as the reader asks for more, so a document of any length is read in a few kilobytes.
/// JsonSerializer would do the same, but builds its type metadata through reflection at every
/// start: measured, a quarter of the check's instructions for a short queue list.
/// Malformed JSON throws <see cref="JsonException"/> with the line and byte where it broke.
/// </summary>
internal sealed class JsonTokens(Stream input)
{
    // 4 KiB at first, as the HTTP reader's: a larger first buffer cost every run a step of the
    // heap's growth. One that a read filled holds part of a long queue list, which is read on in
    // 16 KiB (at 10,000 queues 4 KiB reads took 3 % longer); doubled beyond for a longer token.
    // Not zeroed: every byte is read before it is used.
    private const int LongDocumentBuffer = 16 * 1024;
    private byte[] _buffer = GC.AllocateUninitializedArray<byte>(4 * 1024);
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;

    public JsonToken Next()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                JsonToken token = Capture(ref reader);
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return token;
            }

            if (_final)
            {
                throw new JsonException("the document ended early");
            }

            Refill((int)reader.BytesConsumed);
        }
    }

    /// <summary>The next token, which must be of <paramref name="type"/>.</summary>
    public JsonToken Expect(JsonTokenType type)
    {
        JsonToken token = Next();
        return token.Type == type ? token : throw new JsonException($"{type} expected, {token.Type} found");
    }

    /// <summary>A number; null reads as 0 (a queue the broker has not counted yet).</summary>
    public double Number() => Next() switch
    {
        { Type: JsonTokenType.Number } number => number.Number,
        { Type: JsonTokenType.Null } => 0,
        var other => throw new JsonException($"a number expected, {other.Type} found"),
    };

    /// <summary>Skips the value that follows a property name, objects and arrays whole.</summary>
    public void SkipValue()
    {
        int depth = 0;
        do
        {
            JsonTokenType type = Next().Type;
            depth += type is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1
                : type is JsonTokenType.EndObject or JsonTokenType.EndArray ? -1 : 0;
        }
        while (depth > 0);
    }

    /// <summary>The document ends here: only white space follows (anything else throws, as Utf8JsonReader reads one value).</summary>
    public void ExpectEnd()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                throw new JsonException("more after the end of the document");
            }

            if (_final)
            {
                return;
            }

            Refill((int)reader.BytesConsumed);
        }
    }

    private static JsonToken Capture(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.PropertyName or JsonTokenType.String => new(reader.TokenType, reader.GetString(), 0),
        JsonTokenType.Number => new(reader.TokenType, null,
            reader.TryGetDouble(out double number) ? number : throw new JsonException("a number out of range")),
        _ => new(reader.TokenType, null, 0),
    };

    /// <summary>Drops what the reader consumed and reads more behind the rest, growing the buffer for a token longer than it.</summary>
    private void Refill(int consumed)
    {
        bool filled = _end == _buffer.Length;
        _start += consumed;
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;
        if (_end == _buffer.Length || (filled && _buffer.Length < LongDocumentBuffer))
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = input.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _final = read == 0;
    }
}
