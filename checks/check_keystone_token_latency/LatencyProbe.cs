using System.Diagnostics;
using System.Globalization;
using System.Net;
using StackFsck.Checks.KeystoneLatency.Keystone;
using StackFsck.Plugin;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>What a run of validations measured: each validation and the wall time of them all.</summary>
internal sealed record Measurement(IReadOnlyList<Validation> Validations, TimeSpan Elapsed)
{
    public bool Unauthorized => Validations.Any(v => v.Outcome == Outcome.Unauthorized);
}

/// <summary>
/// Validates the subject token <c>count</c> times, <c>concurrency</c> at a time, and times each
/// call. Knows nothing of thresholds. Each answer is noted on the deadline, so a Keystone that
/// stops answering still leaves what was measured in the timeout output. A 401 (the checker's
/// own token refused) ends the run early: every further call would be refused too.
/// </summary>
internal sealed class LatencyProbe(IdentityApi api, Uri uri, HttpMethod method, int count, int concurrency)
{
    public async Task<Measurement> RunAsync(Secret authToken, Secret subjectToken, CheckContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Token);
        var validations = new List<Validation>(count);
        int next = -1;
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            while (Interlocked.Increment(ref next) < count && !stop.IsCancellationRequested)
            {
                Validation validation = await ValidateOnceAsync(authToken, subjectToken, stop.Token);
                int answered = Record(validations, validation, context);
                context.Stage($"validating tokens at {uri.GetLeftPart(UriPartial.Path)} ({answered} of {count} answered)");
                if (validation.Outcome == Outcome.Unauthorized)
                {
                    await stop.CancelAsync();
                }
            }
        }

        context.Stage($"validating tokens at {uri.GetLeftPart(UriPartial.Path)} (0 of {count} answered)");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(Worker)));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !context.Token.IsCancellationRequested)
        {
            // Stopped after a 401: the calls still in flight were abandoned on purpose.
        }

        return new Measurement(validations, clock.Elapsed);
    }

    private async Task<Validation> ValidateOnceAsync(Secret authToken, Secret subjectToken, CancellationToken token)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            (HttpStatusCode status, bool retried) = await api.ValidateAsync(uri, method, authToken, subjectToken, token);
            return Validation.FromStatus(status, Stopwatch.GetElapsedTime(start).TotalMilliseconds, retried);
        }
        catch (CheckException error)
        {
            return new Validation(Outcome.Error, Stopwatch.GetElapsedTime(start).TotalMilliseconds, error.Message);
        }
    }

    private static int Record(List<Validation> validations, Validation validation, CheckContext context)
    {
        int answered;
        lock (validations)
        {
            validations.Add(validation);
            answered = validations.Count;
        }

        string how = (validation.Problem ?? validation.Outcome.ToString().ToLowerInvariant())
            + (validation.Retried ? " (sent again: Keystone had closed the kept-alive connection)" : "");
        context.Deadline.Note(string.Create(CultureInfo.InvariantCulture, $"validation {answered}: {how} in {validation.Milliseconds:0.##} ms"));
        context.Log(3, $"validation {answered}: {how} in {validation.Milliseconds:0.##} ms");
        return answered;
    }
}
