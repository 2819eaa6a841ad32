namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>A row of Cinder's <c>volume_attachment</c> not deleted.</summary>
internal sealed record CinderAttachment(Guid Volume, Guid? Instance, string? Status)
{
    /// <summary>Cinder has finished attaching: the disk must be in the domain by now.</summary>
    public bool Attached => Status == "attached";

    /// <summary>Cinder still holds the volume for the instance (attached, or on its way in or out).</summary>
    public bool Holds => Status is not ("detached" or "error_detaching");
}
