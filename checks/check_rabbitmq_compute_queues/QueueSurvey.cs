using StackFsck.Plugin;

namespace StackFsck.Checks.RabbitMq;

/// <summary>
/// Folds the queue list into the figures the check judges, one queue at a time, so that
/// 10,000 queues need no more memory than the few worst ones kept for the long output.
/// </summary>
internal sealed class QueueSurvey(TextPattern include, TextPattern? exclude, int keepWorst, bool keepEach, IReadOnlyList<string> expected)
{
    private readonly PriorityQueue<QueueInfo, long> _worst = new();
    private readonly HashSet<string> _seenExpected = new(StringComparer.Ordinal);

    public int Queues { get; private set; }
    public long Messages { get; private set; }
    public QueueInfo? Deepest { get; private set; }

    /// <summary>Queues holding messages that nobody consumes: a compute service that is down or stuck.</summary>
    public int WithoutConsumers { get; private set; }

    /// <summary>Queues holding messages that are published faster than they are delivered.</summary>
    public int Growing { get; private set; }

    /// <summary>Every matching queue's depth, kept only when per-queue perfdata was asked for.</summary>
    public List<(string Name, long Messages)> Each { get; } = [];

    /// <summary>The <c>--expect</c> queues the vhost does not hold, in the order given, each once.</summary>
    /// <remarks>
    /// Loops, not chained LINQ, here and in <see cref="Worst"/>: a chain's second operator is a
    /// generic virtual method that Native AOT's type loader resolves at run time, which cost every
    /// run about 0.8 % of its CPU time (bench/http_single.sh).
    /// </remarks>
    public List<string> MissingExpected()
    {
        var missing = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in expected)
        {
            if (!_seenExpected.Contains(name) && listed.Add(name))
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    public void Add(QueueInfo queue)
    {
        // Expected queues count whatever --queue and --exclude select: they name a queue exactly.
        if (expected.Contains(queue.Name))
        {
            _seenExpected.Add(queue.Name);
        }

        if (!include.IsMatch(queue.Name) || exclude?.IsMatch(queue.Name) == true)
        {
            return;
        }

        Queues++;
        Messages += queue.Messages;
        if (Deepest is null || queue.Messages > Deepest.Messages)
        {
            Deepest = queue;
        }

        WithoutConsumers += IsUnconsumed(queue) ? 1 : 0;
        Growing += IsGrowing(queue) ? 1 : 0;
        if (keepEach)
        {
            Each.Add((queue.Name, queue.Messages));
        }

        KeepIfWorst(queue);
    }

    /// <summary>The deepest queues, deepest first (names break ties so the order is stable).</summary>
    public List<QueueInfo> Worst()
    {
        var worst = new List<QueueInfo>(_worst.Count);
        foreach ((QueueInfo queue, long _) in _worst.UnorderedItems)
        {
            worst.Add(queue);
        }

        worst.Sort((a, b) => a.Messages != b.Messages ? b.Messages.CompareTo(a.Messages) : string.CompareOrdinal(a.Name, b.Name));
        return worst;
    }

    public static bool IsUnconsumed(QueueInfo queue) => queue.Messages > 0 && queue.Consumers == 0;

    public static bool IsGrowing(QueueInfo queue) => queue.Messages > 0 && queue.PublishRate > queue.DeliverRate;

    private void KeepIfWorst(QueueInfo queue)
    {
        if (keepWorst <= 0 || queue.Messages == 0)
        {
            return;
        }

        if (_worst.Count < keepWorst)
        {
            _worst.Enqueue(queue, queue.Messages);
        }
        else if (queue.Messages > _worst.Peek().Messages)
        {
            _worst.DequeueEnqueue(queue, queue.Messages);
        }
    }
}
