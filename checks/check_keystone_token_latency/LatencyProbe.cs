using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using StackFsck.Checks.KeystoneLatency.Keystone;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>What a run of validations measured: each validation and the wall time of them all.</summary>
internal sealed record Measurement(IReadOnlyList<Validation> Validations, TimeSpan Elapsed)
{
    public bool Unauthorized => Validations.Any(v => v.Outcome == Outcome.Unauthorized);
}

/// <summary>
/// Validates the subject token <c>count</c> times, <c>concurrency</c> at a time, and times each
/// call. Knows nothing of thresholds. Each of the <c>concurrency</c> flows runs on a thread of its
/// own with its own kept-alive connection (the calls block in poll(2), bounded by the deadline).
/// Each answer is noted on the deadline, so a Keystone that stops answering still leaves what was
/// measured in the timeout output. A 401 (the checker's own token refused) ends the run early:
/// every further call would be refused too; calls already in flight finish.
/// </summary>
internal sealed class LatencyProbe(IdentityApi api, Uri uri, string method, int count, int concurrency)
{
    public Measurement Run(Secret authToken, Secret subjectToken, CheckContext context)
    {
        var validations = new List<Validation>(count);
        int next = -1;
        bool stop = false;
        Exception? failure = null;
        var clock = Stopwatch.StartNew();

        void Flow()
        {
            try
            {
                using HttpSession session = api.OpenSession(context);
                while (Interlocked.Increment(ref next) < count && !Volatile.Read(ref stop))
                {
                    Validation validation = ValidateOnce(session, authToken, subjectToken);
                    int answered = Record(validations, validation, context);
                    context.Stage($"validating tokens at {uri.GetLeftPart(UriPartial.Path)} ({answered} of {count} answered)");
                    if (validation.Outcome == Outcome.Unauthorized)
                    {
                        Volatile.Write(ref stop, true);
                    }
                }
            }
            catch (Exception error)
            {
                // The deadline's overrun, mostly: handed to the check's own thread, which words it.
                Interlocked.CompareExchange(ref failure, error, null);
                Volatile.Write(ref stop, true);
            }
        }

        context.Stage($"validating tokens at {uri.GetLeftPart(UriPartial.Path)} (0 of {count} answered)");
        Thread[] flows = [.. Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => new Thread(Flow) { IsBackground = true })];
        Array.ForEach(flows, flow => flow.Start());
        Array.ForEach(flows, flow => flow.Join());
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return new Measurement(validations, clock.Elapsed);
    }

    private Validation ValidateOnce(HttpSession session, Secret authToken, Secret subjectToken)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            (HttpStatusCode status, bool retried) = IdentityApi.Validate(session, uri, method, authToken, subjectToken);
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
