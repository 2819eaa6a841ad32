namespace StackFsck.Checks.OpenStackStuck;

/// <summary>How long each kind of resource may stay in a transitional state before it counts as stuck.</summary>
internal sealed record Graces(TimeSpan Instance, TimeSpan Migration, TimeSpan Resize, TimeSpan Volume, TimeSpan Image, TimeSpan ServiceDown)
{
    /// <summary>A queued image (created, never given data) counts as stuck after a day.</summary>
    public static readonly TimeSpan QueuedImage = TimeSpan.FromDays(1);
}
