using System.Text;
using System.Text.Json;
using StackFsck.Checks.RabbitMq;

namespace StackFsck.RabbitMq.Tests;

/// <summary>
/// The queue list is read through a small buffer refilled as the reader asks: a value longer than
/// the buffer, or one the network delivers a few bytes at a time, still comes out whole.
/// </summary>
public sealed class JsonTokensTests
{
    [Theory]
    [InlineData(10, 4096)]
    [InlineData(5_000, 4096)]
    [InlineData(40_000, 4096)]
    [InlineData(5_000, 3)]
    public void A_queue_name_of_any_length_is_read_whole_however_the_bytes_arrive(int length, int bytesPerRead)
    {
        string name = "compute." + new string('q', length);
        var tokens = new JsonTokens(new PiecewiseStream(Encoding.UTF8.GetBytes($"[{{\"name\": \"{name}\", \"messages\": 7}}]"), bytesPerRead));

        JsonToken[] read = [.. Enumerable.Range(0, 8).Select(_ => tokens.Next())];
        tokens.ExpectEnd();

        Assert.Equal(
            [JsonTokenType.StartArray, JsonTokenType.StartObject, JsonTokenType.PropertyName, JsonTokenType.String,
             JsonTokenType.PropertyName, JsonTokenType.Number, JsonTokenType.EndObject, JsonTokenType.EndArray],
            read.Select(token => token.Type));
        Assert.Equal(name, read[3].Text);
        Assert.Equal(7, read[5].Number);
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a slow network may.</summary>
    private sealed class PiecewiseStream(byte[] content, int bytesPerRead) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));
    }
}
