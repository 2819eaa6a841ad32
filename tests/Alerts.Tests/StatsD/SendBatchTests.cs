using StackFsck.Alerts.Reading;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Alerts.Tests;

/// <summary>The batch file a send leaves while its datagrams go: what a later run reads back from it.</summary>
public sealed class SendBatchTests : IDisposable
{
    private readonly LogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string BatchPath => SendBatch.PathFor(_folder.State);

    [Fact]
    public void A_batch_left_half_sent_gives_back_its_datagrams_position_and_the_one_in_flight()
    {
        _folder.Append(LogFolder.Alert(1));
        ReadPosition next = IncrementalLog.Read(_folder.Files, null, () => _ => { }).Next;
        byte[][] payloads = ["a:1|c\nb:2|c"u8.ToArray(), "c:3|c"u8.ToArray(), "d:4|c"u8.ToArray()];
        using (SendBatch batch = SendBatch.Create(BatchPath, next, payloads))
        {
            batch.Mark(0, SendBatch.Sending);
            batch.Mark(0, SendBatch.Sent);
            batch.Mark(1, SendBatch.Sending); // killed here
        }

        using SendBatch left = SendBatch.Open(BatchPath)!;
        Assert.Equal(next, left.Next);
        Assert.Equal(payloads, left.Payloads);
        Assert.Equal(1, left.FirstUnsent);
        Assert.True(left.FirstUnsentInDoubt);
    }

    [Fact]
    public void A_damaged_batch_is_reported_with_what_removing_it_means()
    {
        _folder.Append(LogFolder.Alert(1));
        ReadPosition next = IncrementalLog.Read(_folder.Files, null, () => _ => { }).Next;
        SendBatch.Create(BatchPath, next, ["a:1|c"u8.ToArray(), "b:1|c"u8.ToArray()]).Dispose();
        byte[] bytes = File.ReadAllBytes(BatchPath);
        File.WriteAllBytes(BatchPath, bytes[..^3]); // cut short, as a full disk would leave it

        var error = Assert.Throws<InvalidDataException>(() => SendBatch.Open(BatchPath));
        Assert.Contains("reads those lines again", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}
