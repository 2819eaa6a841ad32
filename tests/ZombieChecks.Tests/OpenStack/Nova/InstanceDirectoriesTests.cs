using StackFsck.OpenStack.Nova;
using StackFsck.Checks.NovaHypervisor;
using StackFsck.Plugin;

namespace StackFsck.Tests.Zombies;

/// <summary>Which entries of the instances path are instances, and how much they hold.</summary>
public sealed class InstanceDirectoriesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("zombies-instances");

    [Theory]
    [InlineData("0b5f1c2e-8d0a-4f6e-9f3a-2c1d4e5f6a7b", true)]
    [InlineData("0b5f1c2e-8d0a-4f6e-9f3a-2c1d4e5f6a7b_del", true)]
    [InlineData("0b5f1c2e-8d0a-4f6e-9f3a-2c1d4e5f6a7b_resize", true)]
    [InlineData("_base", false)]
    [InlineData("locks", false)]
    [InlineData("compute_nodes", false)]
    [InlineData("0b5f1c2e8d0a4f6e9f3a2c1d4e5f6a7b", false)]
    public void Only_uuid_named_directories_are_instances(string name, bool instance)
    {
        Assert.Equal(instance, InstanceDirectories.UuidOf(name) is not null);
    }

    [Fact]
    public void Scan_sums_every_file_below_an_instance_directory()
    {
        Guid uuid = Guid.NewGuid();
        DirectoryInfo dir = _root.CreateSubdirectory(uuid.ToString());
        File.WriteAllBytes(Path.Combine(dir.FullName, "disk"), new byte[3000]);
        File.WriteAllBytes(Path.Combine(dir.CreateSubdirectory("sub").FullName, "disk.config"), new byte[500]);
        File.WriteAllBytes(Path.Combine(_root.CreateSubdirectory("_base").FullName, "image"), new byte[9999]);

        InstanceDirectory found = Assert.Single(InstanceDirectories.Scan(_root.FullName));

        Assert.Equal(uuid, found.Uuid);
        Assert.Equal(3500, found.Bytes);
    }

    [Fact]
    public void A_missing_instances_path_is_one_clear_error()
    {
        var error = Assert.Throws<CheckException>(() => InstanceDirectories.Scan(Path.Combine(_root.FullName, "nope")));
        Assert.StartsWith("cannot read the instances path", error.Message);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
