using System.Globalization;
using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.RabbitMq;

/// <summary>Judges a <see cref="QueueSurvey"/> against the thresholds and words the result.</summary>
internal static class QueueReport
{
    private static readonly Threshold Depth = Threshold.Main("the deepest queue's messages", "100", "1000");

    private static readonly Threshold Unconsumed = Threshold.Named(
        "no-consumers", "queues holding messages with no consumer", "0");

    private static readonly Threshold Growing = Threshold.Named(
        "growing", "queues published to faster than delivered from");

    /// <summary>The threshold options of the judged metrics, for the check's option list.</summary>
    public static IEnumerable<Option> Options => [.. Depth.Options, .. Unconsumed.Options, .. Growing.Options];

    public static Report Build(QueueSurvey survey, string vhost, string pattern, bool allowEmpty, CheckContext context)
    {
        var report = new Report();
        if (survey.Queues == 0)
        {
            report.Declare(allowEmpty ? Status.Ok : Status.Unknown, $"no queue in vhost '{vhost}' matches '{pattern}'");
        }
        else
        {
            report.OkSummary = $"{survey.Queues} queues, {survey.Messages} messages, deepest {survey.Deepest!.Name} with {survey.Deepest.Messages}";
        }

        List<string> missing = survey.MissingExpected();
        if (missing.Count > 0)
        {
            report.Declare(Status.Critical, string.Join("; ", missing.Select(name => $"no queue {name}: is {ConsumerOf(name)} running?")));
        }

        foreach (string name in missing)
        {
            report.Detail($"queue {name} is missing from vhost '{vhost}': no {ConsumerOf(name)} has declared it");
        }

        AddMetrics(report, survey, context);
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

    private static void AddMetrics(Report report, QueueSurvey survey, CheckContext context)
    {
        QueueInfo? deepest = survey.Deepest;
        report
            .Add(new Metric("deepest", deepest?.Messages ?? 0, Threshold: context.Get(Depth), Min: 0,
                Text: $"deepest queue {deepest?.Name} holds {deepest?.Messages} messages"))
            .Add(new Metric("no_consumers", survey.WithoutConsumers, Threshold: context.Get(Unconsumed), Min: 0,
                Text: $"{survey.WithoutConsumers} queues hold messages with no consumer"))
            .Add(new Metric("growing", survey.Growing, Threshold: context.Get(Growing), Min: 0,
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
