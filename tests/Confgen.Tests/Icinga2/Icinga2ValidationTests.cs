namespace StackFsck.Confgen.Tests;

/// <summary>
/// The Icinga 2 pre-flight the render tests rely on (a private prefix, <c>icinga2 daemon -C</c>):
/// it must refuse what Icinga itself only warns about, a zones.d folder of a zone no zones.conf
/// defines, whose objects Icinga silently drops.
/// </summary>
public class Icinga2ValidationTests
{
    private const string ZonesConf = """
        object Endpoint "master1.example.net" { }
        object Zone "master" { endpoints = [ "master1.example.net" ] }
        object Zone "global-templates" { global = true }
        """;

    [Fact]
    public void A_zone_folder_icinga_would_ignore_is_a_problem_and_a_sound_tree_is_none()
    {
        using var prefix = new Icinga2Prefix("master1.example.net");
        prefix.WriteConfig("zones.conf", ZonesConf);
        prefix.WriteConfig("zones.d/master/hosts.conf", "object Host \"h1\" { check_command = \"dummy\" }\n");
        Assert.Empty(Icinga2Prefix.Problems(prefix.Validate()));

        prefix.WriteConfig("zones.d/cell7/hosts.conf", "object Host \"h2\" { check_command = \"dummy\" }\n");
        string problem = Assert.Single(Icinga2Prefix.Problems(prefix.Validate()));
        Assert.Contains("Ignoring directory", problem);
    }

    [Fact]
    public void An_object_icinga_refuses_is_a_problem()
    {
        using var prefix = new Icinga2Prefix("master1.example.net");
        prefix.WriteConfig("zones.conf", ZonesConf);
        prefix.WriteConfig("zones.d/master/hosts.conf", "object Host \"h1\" { check_command = \"no-such-command\" }\n");
        Assert.Contains(Icinga2Prefix.Problems(prefix.Validate()), problem => problem.Contains("no-such-command", StringComparison.Ordinal));
    }
}
