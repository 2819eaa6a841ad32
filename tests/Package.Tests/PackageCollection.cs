namespace StackFsck.Package.Tests;

/// <summary>One build and install for every test class here; the classes run one after another, never beside a purge.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<InstalledPackage>
{
    public const string Name = "installed package";
}
