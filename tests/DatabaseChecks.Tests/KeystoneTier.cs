namespace StackFsck.Tests.Database;

/// <summary>
/// The test classes that drive the one real Keystone of tests/run, one after another: the
/// revocation tests count every event in its database, so no other test may write one meanwhile.
/// </summary>
[CollectionDefinition(Name)]
public sealed class KeystoneTier
{
    public const string Name = "real Keystone";
}
