namespace StackFsck.Tests.KeystoneLatency;

/// <summary>A test class with its own in-process Keystone and a private environment for running the check against it.</summary>
public abstract class KeystoneTest : IAsyncLifetime
{
    protected FakeKeystone Keystone { get; private set; } = null!;

    /// <summary>Runs the check; OS_* variables of an openrc file for <see cref="Keystone"/> unless a class says otherwise.</summary>
    protected CheckEnvironment Check { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Keystone = await FakeKeystone.StartAsync();
        Check = CreateEnvironment(Keystone);
    }

    public virtual async Task DisposeAsync()
    {
        Check.Dispose();
        await Keystone.DisposeAsync();
    }

    protected virtual CheckEnvironment CreateEnvironment(FakeKeystone keystone) => CheckEnvironment.OpenRc(keystone);
}
