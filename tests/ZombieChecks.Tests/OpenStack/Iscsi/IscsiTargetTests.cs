using StackFsck.OpenStack.Iscsi;

namespace StackFsck.Tests.Zombies;

/// <summary>The targets of a volume's connection_info, as Nova and Cinder store it.</summary>
public class IscsiTargetTests
{
    [Fact]
    public void One_target_or_every_multipath_pair()
    {
        Assert.Equal([new IscsiTarget("iqn.a", "192.0.2.10:3260")], IscsiTarget.Of(
            """{"driver_volume_type": "iscsi", "data": {"target_iqn": "iqn.a", "target_portal": "192.0.2.10:3260", "target_lun": 1}}"""));
        Assert.Equal([new IscsiTarget("iqn.a", "192.0.2.10:3260"), new IscsiTarget("iqn.b", "192.0.2.11:3260")], IscsiTarget.Of(
            """{"driver_volume_type": "iscsi", "data": {"target_iqn": "iqn.a", "target_portal": "192.0.2.10:3260", "target_iqns": ["iqn.a", "iqn.b"], "target_portals": ["192.0.2.10:3260", "192.0.2.11:3260"]}}"""));
    }

    [Fact]
    public void Another_transport_has_no_iscsi_target_and_broken_json_is_a_format_error()
    {
        Assert.Empty(IscsiTarget.Of("""{"driver_volume_type": "rbd", "data": {"name": "volumes/volume-1"}}"""));
        Assert.StartsWith("connection_info is not JSON", Assert.Throws<FormatException>(() => IscsiTarget.Of("{\"driver_volume_type\": ")).Message);
    }
}
