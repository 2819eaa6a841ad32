using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Tests;

/// <summary>
/// The same trees go to confgen's validation and to the real `nagios4 -v`: every broken reference
/// nagios4 resolves is refused by both, and the consistent trees pass both. A render that confgen
/// lets through must never be one that nagios4 refuses on the monitoring server.
/// </summary>
public sealed class ValidationAgreesWithNagiosTests
{
    /// <summary>Two hypervisors in a hostgroup, ssh on both, the zombie check on cmp1 only.</summary>
    private const string Base = """
        define command {
            command_name    check_x
            command_line    /bin/true
        }
        define timeperiod {
            timeperiod_name always
            alias           always
            monday          00:00-24:00
        }
        define contact {
            contact_name                    ops
            host_notification_period        always
            service_notification_period     always
            host_notification_commands      check_x
            service_notification_commands   check_x
        }
        define contactgroup {
            contactgroup_name   admins
            alias               admins
            members             ops
        }
        define host {
            name                base-host
            check_command       check_x
            max_check_attempts  2
            check_period        always
            notification_period always
            contact_groups      admins
            register            0
        }
        define service {
            name                base-service
            check_command       check_x
            max_check_attempts  2
            check_interval      1
            retry_interval      1
            check_period        always
            notification_period always
            contact_groups      admins
            register            0
        }
        define hostgroup {
            hostgroup_name  hypervisor
            alias           hypervisor
        }
        define host {
            use             base-host
            host_name       cmp1
            address         127.0.0.1
            hostgroups      hypervisor
        }
        define host {
            use             base-host
            host_name       cmp2
            address         127.0.0.1
            hostgroups      hypervisor
        }
        define service {
            use                 base-service
            hostgroup_name      hypervisor
            service_description ssh
        }
        define service {
            use                 base-service
            host_name           cmp1
            service_description nova_zombies
        }

        """;

    private const string Escalation = "contact_groups admins\n first_notification 2\n last_notification 0\n notification_interval 10";

    public static TheoryData<string, string> Broken => new()
    {
        // The issue's case: the zombie check's dependency on every hypervisor, where only cmp1 runs it.
        { "dependent service missing on a host of the hostgroup", "define servicedependency {\n hostgroup_name hypervisor\n service_description ssh\n dependent_service_description nova_zombies\n notification_failure_criteria c\n}" },
        { "master service missing on its host", "define servicedependency {\n host_name cmp2\n service_description nova_zombies\n dependent_service_description ssh\n notification_failure_criteria c\n}" },
        { "dependency period undefined", "define servicedependency {\n host_name cmp1\n service_description ssh\n dependent_service_description nova_zombies\n notification_failure_criteria c\n dependency_period never\n}" },
        { "escalated service missing on its host", $"define serviceescalation {{\n host_name cmp2\n service_description nova_zombies\n {Escalation}\n}}" },
        { "escalation period undefined", $"define serviceescalation {{\n host_name cmp1\n service_description nova_zombies\n {Escalation}\n escalation_period never\n}}" },
        { "host escalation of an undefined host", $"define hostescalation {{\n host_name cmp9\n {Escalation}\n}}" },
        { "host dependency on an undefined host", "define hostdependency {\n host_name cmp9\n dependent_host_name cmp1\n notification_failure_criteria d,u\n}" },
        { "host dependency period undefined", "define hostdependency {\n host_name cmp1\n dependent_host_name cmp2\n notification_failure_criteria d,u\n dependency_period never\n}" },
        { "parent undefined", "define host {\n use base-host\n host_name cmp3\n parents switch1\n}" },
        { "host its own parent", "define host {\n use base-host\n host_name cmp3\n parents cmp3\n}" },
        { "contact group member undefined", "define contactgroup {\n contactgroup_name night\n alias night\n members nobody\n}" },
        { "contact group's member group undefined", "define contactgroup {\n contactgroup_name night\n alias night\n contactgroup_members dayshift\n}" },
        { "service contact undefined", "define service {\n use base-service\n host_name cmp2\n service_description x\n contacts nobody\n}" },
        { "service contact group undefined", "define service {\n use base-service\n host_name cmp2\n service_description x\n contact_groups nightshift\n}" },
        { "event handler undefined", "define service {\n use base-service\n host_name cmp2\n service_description x\n event_handler restart_it\n}" },
        { "check command undefined", "define service {\n use base-service\n host_name cmp2\n service_description x\n check_command check_y!1\n}" },
        { "notification period undefined", "define service {\n use base-service\n host_name cmp2\n service_description x\n notification_period workhours\n}" },
        { "excluded timeperiod undefined", "define timeperiod {\n timeperiod_name nights\n alias nights\n exclude holidays\n}" },
        { "template undefined", "define service {\n use other-service\n host_name cmp2\n service_description x\n}" },
        { "contact's notification command undefined", "define contact {\n contact_name night\n host_notification_period always\n service_notification_period always\n host_notification_commands page_me\n service_notification_commands check_x\n}" },
    };

    public static TheoryData<string, string> Consistent => new()
    {
        { "nothing more", "" },
        { "zombie check depends on ssh on its own host", "define servicedependency {\n host_name cmp1\n service_description ssh\n dependent_service_description nova_zombies\n notification_failure_criteria c\n}" },
        { "dependency across hosts", "define servicedependency {\n host_name cmp2\n service_description ssh\n dependent_host_name cmp1\n dependent_service_description nova_zombies\n notification_failure_criteria c\n dependency_period always\n}" },
        { "escalation", $"define serviceescalation {{\n hostgroup_name hypervisor\n service_description ssh\n {Escalation}\n escalation_period always\n}}" },
        { "parent and host dependency", "define host {\n use base-host\n host_name cmp3\n parents cmp1\n}\ndefine hostdependency {\n host_name cmp1\n dependent_host_name cmp3\n notification_failure_criteria d,u\n}" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void BothRefuse(string what, string extra)
    {
        IReadOnlyList<string> errors = Confgen(extra);
        (int exit, string output) = Nagios(extra);

        Assert.True(errors.Count > 0, $"confgen let through: {what}");
        // nagios4 refuses most (exit 1); a host dependency on an unknown host it only reports with an
        // "Error:" line and then drops, so it would silently never apply: confgen refuses that too.
        Assert.True(exit != 0 || output.Contains("Error: ", StringComparison.Ordinal), $"nagios4 let through: {what}\n{output}");
    }

    [Theory]
    [MemberData(nameof(Consistent))]
    public void BothAccept(string what, string extra)
    {
        IReadOnlyList<string> errors = Confgen(extra);
        (int exit, string output) = Nagios(extra);

        Assert.True(errors.Count == 0, $"confgen refused {what}: {string.Join("; ", errors)}");
        Assert.True(exit == 0 && output.Contains("Total Errors:   0", StringComparison.Ordinal), $"nagios4 refused {what}:\n{output}");
    }

    private static IReadOnlyList<string> Confgen(string extra) =>
        ObjectValidator.Check(ObjectParser.Parse("test.cfg", Base + extra).ToList());

    private static (int ExitCode, string Output) Nagios(string extra)
    {
        string tree = Directory.CreateTempSubdirectory("confgen-agree-").FullName;
        try
        {
            File.SetUnixFileMode(tree, (UnixFileMode)0b111_101_101);
            File.WriteAllText(Path.Combine(tree, "test.cfg"), Base + extra + "\n");
            return NagiosVerify.Run(tree);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }
}
