namespace StackFsck.Checks.NovaHypervisor.Volumes;

/// <summary>
/// A live row of Nova's <c>block_device_mapping</c> whose destination is a Cinder volume:
/// the instance, the volume, the device Nova named and the connection_info (JSON) Nova keeps.
/// </summary>
internal sealed record VolumeMapping(Guid Instance, Guid Volume, string? Device, string? ConnectionInfo);

/// <summary>A row of Cinder's <c>volume_attachment</c> not deleted.</summary>
internal sealed record CinderAttachment(Guid Volume, Guid? Instance, string? Status)
{
    /// <summary>Cinder has finished attaching: the disk must be in the domain by now.</summary>
    public bool Attached => Status == "attached";

    /// <summary>Cinder still holds the volume for the instance (attached, or on its way in or out).</summary>
    public bool Holds => Status is not ("detached" or "error_detaching");
}
