using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin;

/// <summary>What makes a check itself: its names, its own options and the work it does.</summary>
public sealed class CheckDefinition
{
    /// <summary>The executable's name, e.g. <c>check_rabbitmq_compute_queues</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The first word of the output, e.g. <c>COMPUTE_QUEUES</c>.</summary>
    public required string Service { get; init; }

    public required string Description { get; init; }

    public IReadOnlyList<Option> Options { get; init; } = [];

    /// <summary>Probes, evaluates and words the result. Throws <see cref="CheckException"/> for an explainable failure.</summary>
    public required Func<CheckContext, Task<Report>> Execute { get; init; }
}
