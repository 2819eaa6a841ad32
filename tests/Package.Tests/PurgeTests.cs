namespace StackFsck.Package.Tests;

/// <summary><c>dpkg --purge</c> takes away everything the install brought, conffile included.</summary>
[Collection(PackageCollection.Name)]
public class PurgeTests(InstalledPackage package)
{
    [Fact]
    public void Purge_leaves_nothing_behind()
    {
        HashSet<string> listed = package.Listed();
        Assert.Contains(InstalledPackage.CronFile, listed);
        try
        {
            CheckRun purge = package.Purge();

            Assert.True(purge.ExitCode == 0, purge.ToString());
            Assert.False(package.IsInstalled);
            Assert.Empty(package.Listed());
            // "/." is how dpkg -L names the root.
            Assert.DoesNotContain(listed, path => path != "/." && Path.Exists(path) && !package.DirectoriesBefore.Contains(path));
            Assert.Equal(package.Before.Order(StringComparer.Ordinal), package.Ours().Order(StringComparer.Ordinal));
            Assert.False(Directory.Exists(InstalledPackage.RemedyFolder), $"{InstalledPackage.RemedyFolder} outlived the purge");
        }
        finally
        {
            // The other tests of the collection may still run: they find it installed again.
            package.Install();
        }
    }
}
