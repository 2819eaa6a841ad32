using System.Globalization;
using StackFsck.Plugin;

namespace StackFsck.Checks.RabbitMq;

/// <summary>Judges a <see cref="QueueSurvey"/> against the thresholds and words the result.</summary>
internal static class QueueReport
{
    public sealed record Limits(Thresholds Depth, Thresholds Unconsumed, Thresholds Growing);

    public static Report Build(QueueSurvey survey, string vhost, string pattern, bool allowEmpty, Limits limits)
    {
        var report = new Report(ComputeQueuesCheck.Definition.Service);
        if (survey.Queues == 0)
        {
            report.Declare(allowEmpty ? Status.Ok : Status.Unknown, $"no queue in vhost '{vhost}' matches '{pattern}'");
            report.OkSummary = $"no queue in vhost '{vhost}' matches '{pattern}'";
        }
        else
        {
            report.OkSummary = $"{survey.Queues} queues, {survey.Messages} messages, deepest {survey.Deepest!.Name} with {survey.Deepest.Messages}";
        }

        List<string> missing = survey.MissingExpected.ToList();
        if (missing.Count > 0)
        {
            report.Declare(Status.Critical, string.Join("; ", missing.Select(name => $"no queue {name}: is {ConsumerOf(name)} running?")));
        }

        foreach (string name in missing)
        {
            report.Detail($"queue {name} is missing from vhost '{vhost}': no {ConsumerOf(name)} has declared it");
        }

        AddMetrics(report, survey, limits);
        foreach (QueueInfo queue in survey.Worst())
        {
            report.Detail(Describe(queue));
        }

        foreach ((string name, long messages) in survey.Each)
        {
            report.AddDetailMetric(new Metric(name, messages, Min: 0));
        }

        return report;
    }

    private static void AddMetrics(Report report, QueueSurvey survey, Limits limits)
    {
        QueueInfo? deepest = survey.Deepest;
        report
            .Add(new Metric("deepest", deepest?.Messages ?? 0, Thresholds: limits.Depth, Min: 0,
                Text: $"deepest queue {deepest?.Name} holds {deepest?.Messages} messages"))
            .Add(new Metric("no_consumers", survey.WithoutConsumers, Thresholds: limits.Unconsumed, Min: 0,
                Text: $"{survey.WithoutConsumers} queues hold messages with no consumer"))
            .Add(new Metric("growing", survey.Growing, Thresholds: limits.Growing, Min: 0,
                Text: $"{survey.Growing} queues grow (published faster than delivered)"))
            .Add(new Metric("queues", survey.Queues, Min: 0))
            .Add(new Metric("messages", survey.Messages, Min: 0));
    }

    /// <summary>The Nova service whose topic names the queue: <c>scheduler</c>, <c>scheduler.HOST</c> and <c>scheduler_fanout_ID</c> belong to nova-scheduler.</summary>
    private static string ConsumerOf(string queue) => "nova-" + queue.Split('.', '_')[0];

    private static string Describe(QueueInfo queue)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{queue.Name}: {queue.Messages} messages, {queue.Consumers} consumers, publish {queue.PublishRate:0.##}/s, deliver {queue.DeliverRate:0.##}/s");
        if (QueueSurvey.IsUnconsumed(queue))
        {
            line += " [no consumer]";
        }

        return QueueSurvey.IsGrowing(queue) ? line + " [growing]" : line;
    }
}
