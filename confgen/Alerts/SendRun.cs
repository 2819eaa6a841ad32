using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Reading;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Alerts;

/// <summary>
/// What <c>confgen alerts send</c> or <c>stackfsck-alerts send</c> was asked to do; <see cref="Program"/>,
/// the name it was run by, begins each line the run prints.
/// </summary>
public sealed record SendOptions(string Program, LogFiles Files, string StatePath, StatsDTarget Target, string Prefix, bool IncludeSoft, bool DryRun);

/// <summary>
/// One incremental run: lock; finish the batch a killed or failed run left, if any; read the log
/// from the saved position; count; write the datagrams as a batch (<see cref="SendBatch"/>); send
/// them one by one, recording each as it leaves; save the new position; remove the batch. A kill
/// at any point repeats or drops at most the one datagram in flight, and the next run says which.
/// </summary>
public static class SendRun
{
    public static int Execute(SendOptions options, IAlertInventory inventory, TextWriter stdout, TextWriter stderr)
    {
        using RunLock? runLock = RunLock.TryAcquire(options.StatePath + ".lock", out int? holder);
        if (runLock is null)
        {
            stderr.WriteLine($"{options.Program}: another run (pid {holder?.ToString() ?? "unknown"}) holds {options.StatePath}.lock; nothing read");
            return ExitCodes.Busy;
        }

        if (runLock.StalePid is int stale)
        {
            stderr.WriteLine($"{options.Program}: took over the lock left by pid {stale}, which is no longer running");
        }

        using SendBatch? pending = SendBatch.Open(SendBatch.PathFor(options.StatePath));
        if (pending is not null && !options.DryRun)
        {
            Resume(pending, options, stderr);
            if (!Deliver(pending, options, stderr))
            {
                return ExitCodes.SendFailed;
            }
        }

        string hostsPath = HostStates.PathFor(options.StatePath);
        var counter = new AlertCounter(options.IncludeSoft, hostsDown: HostStates.Load(hostsPath));
        var parts = new List<AlertCounter>();
        ReadResult read = IncrementalLog.Read(options.Files, pending?.Next ?? StateFile.Load(options.StatePath), counter.PerPart(parts));
        counter.Gather(parts);
        foreach (string warning in read.Warnings)
        {
            stderr.WriteLine($"{options.Program}: {warning}");
        }

        IReadOnlyList<string> lines = counter.Lines == 0 ? [] : AlertMetrics.Lines(counter, inventory, options.Prefix);
        string counted = $"read {counter.Lines} lines ({read.Bytes} bytes, {read.Files} files): {counter.Events} events counted, "
            + $"{counter.Skipped} skipped (SOFT), {counter.Malformed} malformed";
        if (options.DryRun)
        {
            foreach (string line in lines)
            {
                stdout.WriteLine(line);
            }

            string left = pending is null ? "" : $" (after the {pending.Payloads.Count - pending.FirstUnsent} datagrams an earlier run left unsent in {pending.Path})";
            stderr.WriteLine($"{options.Program}: {counted}{left}; dry run: nothing sent, position not saved");
            return ExitCodes.Ok;
        }

        Datagrams datagrams = Datagrams.Pack(lines);
        foreach (string tooLong in datagrams.TooLong)
        {
            stderr.WriteLine($"{options.Program}: metric longer than {Datagrams.MaxBytes} bytes, not sent: {tooLong}");
        }

        if (datagrams.Payloads.Count == 0)
        {
            StateFile.Save(options.StatePath, read.Next);
            HostStates.Save(hostsPath, counter.HostsDown);
            stdout.WriteLine($"{options.Program}: {counted}; nothing to send");
            return ExitCodes.Ok;
        }

        using SendBatch batch = SendBatch.Create(SendBatch.PathFor(options.StatePath), read.Next, datagrams.Payloads);
        // Once the batch exists the next run reads on from its position, never again from before
        // it: the host states that position leads to are saved with it.
        HostStates.Save(hostsPath, counter.HostsDown);
        if (!Deliver(batch, options, stderr))
        {
            return ExitCodes.SendFailed;
        }

        stdout.WriteLine($"{options.Program}: {counted}; sent {lines.Count} metrics in {datagrams.Payloads.Count} datagrams to {options.Target}");
        return ExitCodes.Ok;
    }

    /// <summary>Says what a batch left by an earlier run still holds, and what sending it again means.</summary>
    private static void Resume(SendBatch pending, SendOptions options, TextWriter stderr)
    {
        int first = pending.FirstUnsent, count = pending.Payloads.Count;
        if (pending.FirstUnsentInDoubt)
        {
            stderr.WriteLine($"{options.Program}: an earlier run stopped while sending datagram {first + 1} of {count} ({Metrics(pending.Payloads[first])} metrics) "
                + $"in {pending.Path}: sending it again, so if it had left, those counts arrive twice");
        }

        if (first < count)
        {
            stderr.WriteLine($"{options.Program}: sending datagrams {first + 1}-{count} of {count} that an earlier run left in {pending.Path}");
        }
    }

    /// <summary>
    /// Sends what of the batch has not left, marking each datagram before and after it goes, then
    /// saves the position and removes the batch. False (and a line on stderr) when the send fails:
    /// the batch stays, the failed datagram (and the one a "port unreachable" answered) marked unsent.
    /// </summary>
    private static bool Deliver(SendBatch batch, SendOptions options, TextWriter stderr)
    {
        int first = batch.FirstUnsent, next = first;
        try
        {
            if (first == batch.Payloads.Count)
            {
                return Saved(batch, options); // killed after its last datagram, before saving the position
            }

            using StatsDSender sender = StatsDSender.Connect(options.Target);
            for (; next < batch.Payloads.Count; next++)
            {
                batch.Mark(next, SendBatch.Sending);
                sender.Send(batch.Payloads[next]);
                batch.Mark(next, SendBatch.Sent);
            }

            sender.Confirm();
        }
        catch (SendFailedException error)
        {
            // A refusal answers the datagram sent before the call that reported it: that one was lost too.
            int from = error.Refused ? Math.Max(first, next - 1) : next;
            for (int i = from; i <= next && i < batch.Payloads.Count; i++)
            {
                batch.Mark(i, SendBatch.NotSent);
            }

            stderr.WriteLine($"{options.Program}: {error.Message}; position not saved: datagrams {from + 1}-{batch.Payloads.Count} of {batch.Payloads.Count} "
                + $"stay in {batch.Path} and the next run sends them");
            return false;
        }

        return Saved(batch, options);
    }

    private static bool Saved(SendBatch batch, SendOptions options)
    {
        StateFile.Save(options.StatePath, batch.Next);
        batch.Remove();
        return true;
    }

    private static int Metrics(byte[] payload) => payload.Count(b => b == (byte)'\n') + 1;
}
