using StackFsck.OpenStack.Iscsi;

namespace StackFsck.Tests.Zombies;

/// <summary>
/// The iSCSI sessions read from sysfs. No real session: this container has no iscsi_tcp module
/// (modprobe finds none), so tgt and open-iscsi cannot log in; the tree is built as the kernel lays it out.
/// </summary>
public sealed class IscsiSessionsTests : IDisposable
{
    private readonly IscsiSysfs _sysfs = new();

    [Fact]
    public void Each_session_has_its_target_and_the_portal_of_its_connection()
    {
        _sysfs.Add("iqn.2010-10.org.openstack:volume-1", "192.0.2.10");
        _sysfs.Add("iqn.2010-10.org.openstack:volume-2", "2001:db8::5", 3261);

        List<IscsiSession> sessions = IscsiSessions.Read(_sysfs.Sessions);

        Assert.Equal(
            [new IscsiSession("session1", "iqn.2010-10.org.openstack:volume-1", "192.0.2.10", 3260),
                new IscsiSession("session2", "iqn.2010-10.org.openstack:volume-2", "2001:db8::5", 3261)],
            sessions);
        Assert.Equal(("1", "192.0.2.10:3260", "[2001:db8::5]:3261"), (sessions[0].Id, sessions[0].Portal, sessions[1].Portal));
    }

    [Fact]
    public void No_iscsi_transport_means_no_sessions()
    {
        Assert.Empty(IscsiSessions.Read(Path.Combine(_sysfs.Sessions, "absent")));
    }

    [Fact]
    public void A_session_being_torn_down_has_no_target()
    {
        string name = _sysfs.Add("iqn.2010-10.org.openstack:volume-3", "192.0.2.10");
        File.WriteAllText(Path.Combine(_sysfs.Sessions, name, "targetname"), "\n");

        Assert.Null(Assert.Single(IscsiSessions.Read(_sysfs.Sessions)).Target);
    }

    public void Dispose() => _sysfs.Dispose();
}
