using StackFsck.Alerts.Counting;
using StackFsck.Alerts.Reading;
using StackFsck.Alerts.StatsD;

namespace StackFsck.Alerts;

/// <summary>What <c>confgen alerts send</c> was asked to do.</summary>
public sealed record SendOptions(
    string LogPath, string ArchiveFolder, string StatePath, StatsDTarget Target, string Prefix, bool IncludeSoft, bool DryRun);

/// <summary>
/// One incremental run: lock, read the log from the saved position, count, send to StatsD, and
/// only then save the new position. Any failure leaves the position where it was, so the next
/// run reads (and sends) the same lines again; nothing is lost and, as far as the sender can
/// tell, nothing is counted twice.
/// </summary>
public static class SendRun
{
    public static int Execute(SendOptions options, IAlertInventory inventory, TextWriter stdout, TextWriter stderr)
    {
        using RunLock? runLock = RunLock.TryAcquire(options.StatePath + ".lock", out int? holder);
        if (runLock is null)
        {
            stderr.WriteLine($"confgen alerts: another run (pid {holder?.ToString() ?? "unknown"}) holds {options.StatePath}.lock; nothing read");
            return ExitCodes.Busy;
        }

        if (runLock.StalePid is int stale)
        {
            stderr.WriteLine($"confgen alerts: took over the lock left by pid {stale}, which is no longer running");
        }

        string hostsPath = HostStates.PathFor(options.StatePath);
        var counter = new AlertCounter(options.IncludeSoft, hostsDown: HostStates.Load(hostsPath));
        var parts = new List<AlertCounter>();
        ReadResult read = IncrementalLog.Read(options.LogPath, options.ArchiveFolder, StateFile.Load(options.StatePath), counter.PerPart(parts));
        counter.Gather(parts);
        foreach (string warning in read.Warnings)
        {
            stderr.WriteLine($"confgen alerts: {warning}");
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

            stderr.WriteLine($"confgen alerts: {counted}; dry run: nothing sent, position not saved");
            return ExitCodes.Ok;
        }

        Datagrams datagrams = Datagrams.Pack(lines);
        foreach (string tooLong in datagrams.TooLong)
        {
            stderr.WriteLine($"confgen alerts: metric longer than {Datagrams.MaxBytes} bytes, not sent: {tooLong}");
        }

        try
        {
            StatsDSender.Send(options.Target, datagrams.Payloads);
        }
        catch (SendFailedException error)
        {
            stderr.WriteLine($"confgen alerts: {error.Message}; position not saved, the next run sends these lines again");
            return ExitCodes.SendFailed;
        }

        StateFile.Save(options.StatePath, read.Next);
        HostStates.Save(hostsPath, counter.HostsDown);
        stdout.WriteLine($"confgen alerts: {counted}; sent {lines.Count} metrics in {datagrams.Payloads.Count} datagrams to {options.Target}");
        return ExitCodes.Ok;
    }
}
