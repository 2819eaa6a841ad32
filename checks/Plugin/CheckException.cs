namespace StackFsck.Plugin;

/// <summary>
/// A failure the check can explain in one line (unreachable server, refused credentials,
/// malformed answer). The host prints it as the summary and exits with <see cref="Status"/>.
/// </summary>
public sealed class CheckException(string message, Status status = Status.Unknown, Exception? inner = null)
    : Exception(message, inner)
{
    public Status Status { get; } = status;
}
