using StackFsck.Plugin;
using StackFsck.Plugin.Database;
using StackFsck.OpenStack;
using StackFsck.OpenStack.Nova;

namespace StackFsck.Tests.Zombies;

/// <summary>Cell mapping URLs: parsing, templates filled from nova.conf, and whose login reads the cell.</summary>
public class NovaCellsTests
{
    private static readonly DatabaseUrl Local = DatabaseUrl.Parse("mysql+pymysql://nova:s%40cret@db.example:3307/nova?charset=utf8");

    [Fact]
    public void A_url_splits_into_its_parts_and_unescapes_the_password()
    {
        Assert.Equal("mysql+pymysql", Local.Scheme);
        Assert.Equal("nova", Local.Username);
        Assert.Equal("s@cret", Local.Password!.Reveal());
        Assert.Equal("db.example", Local.Hostname);
        Assert.Equal(3307, Local.Port);
        Assert.Equal("nova", Local.Database);
        Assert.Equal("charset=utf8", Local.Query);
        Assert.DoesNotContain("cret", Local.ToString());
    }

    [Fact]
    public void A_template_takes_its_placeholders_from_the_local_connection()
    {
        string filled = DatabaseUrl.Fill("{scheme}://{username}:{password}@{hostname}:{port}/nova_cell1?{query}", Local);

        Assert.Equal("mysql+pymysql://nova:s%40cret@db.example:3307/nova_cell1?charset=utf8", filled);
        Assert.True(DatabaseUrl.IsTemplate("mysql://{username}@db/x"));
        Assert.False(DatabaseUrl.IsTemplate("mysql://nova@db/x"));
    }

    [Fact]
    public void A_unix_socket_in_the_query_replaces_host_and_port()
    {
        DatabaseSettings cell = NovaCells.SettingsFor("cell1", "mysql+pymysql://nova:pw@localhost/nova_cell1?unix_socket=/run/mysqld/mysqld.sock",
            new DatabaseSettings(), null);

        Assert.Equal("/run/mysqld/mysqld.sock", cell.Socket);
        Assert.Null(cell.Host);
    }

    [Fact]
    public void The_monitoring_login_replaces_the_credentials_of_the_mapping()
    {
        var login = new DatabaseSettings { DefaultsFile = "/etc/nagios/nova.cnf", User = "monitor" };

        DatabaseSettings own = NovaCells.SettingsFor("cell1", "mysql+pymysql://nova:pw@db2:3306/nova_cell1", login, null);
        DatabaseSettings theirs = NovaCells.SettingsFor("cell1", "mysql+pymysql://nova:pw@db2:3306/nova_cell1", new DatabaseSettings(), null);

        Assert.Equal(("db2", 3306, "nova_cell1", "monitor", null), (own.Host, own.Port, own.Database, own.User, own.Password));
        Assert.Equal(("nova", "pw"), (theirs.User, theirs.Password?.Reveal()));
    }

    [Fact]
    public void A_template_without_nova_conf_says_what_to_give()
    {
        var error = Assert.Throws<CheckException>(() =>
            NovaCells.SettingsFor("cell1", "mysql+pymysql://{username}:{password}@db2/nova_cell1", new DatabaseSettings(), null));
        Assert.Contains("--nova-conf", error.Message);
    }

    [Fact]
    public void A_database_of_its_own_inherits_what_it_leaves_unset()
    {
        var main = new DatabaseSettings { Host = "db1", Port = 3307, DefaultsFile = "/etc/nagios/nova.cnf" };

        DatabaseSettings same = DatabaseLogin.Inherit(new DatabaseSettings { Database = "neutron" }, main);
        DatabaseSettings other = DatabaseLogin.Inherit(new DatabaseSettings { Host = "db9", Database = "neutron" }, main);

        Assert.Equal(("db1", 3307, "/etc/nagios/nova.cnf"), (same.Host, same.Port, same.DefaultsFile));
        Assert.Equal(("db9", (int?)null, "/etc/nagios/nova.cnf"), (other.Host, other.Port, other.DefaultsFile));
    }
}
