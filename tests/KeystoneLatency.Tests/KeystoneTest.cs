namespace StackFsck.Tests.KeystoneLatency;

/// <summary>A test class against the real Keystone of the test tier, with a private environment (HOME, caches) for the check.</summary>
public abstract class RealKeystoneTest : IDisposable
{
    /// <summary>Runs the check with the admin openrc of the real Keystone.</summary>
    protected CheckEnvironment Check { get; } = CheckEnvironment.RealKeystone();

    public void Dispose()
    {
        Check.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A test class with its own hand-made Keystone (<see cref="HandMadeKeystone"/>), for faults the real one cannot be made to show.</summary>
public abstract class HandMadeKeystoneTest : IAsyncLifetime
{
    protected HandMadeKeystone Keystone { get; private set; } = null!;

    /// <summary>Runs the check; OS_* variables of an openrc file for <see cref="Keystone"/> unless a class says otherwise.</summary>
    protected CheckEnvironment Check { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Keystone = await HandMadeKeystone.StartAsync();
        Check = CreateEnvironment(Keystone);
    }

    public virtual async Task DisposeAsync()
    {
        Check.Dispose();
        await Keystone.DisposeAsync();
    }

    protected virtual CheckEnvironment CreateEnvironment(HandMadeKeystone keystone) => CheckEnvironment.OpenRc(keystone);
}
