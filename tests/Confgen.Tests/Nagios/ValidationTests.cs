using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Tests;

/// <summary>confgen's own pre-flight on rendered objects: what it must refuse before anything is written.</summary>
public sealed class ValidationTests
{
    private const string Base = """
        define command {
            command_name    check_x
            command_line    /bin/true
        }
        define timeperiod {
            timeperiod_name always
            alias           always
        }
        define host {
            name            base-host
            check_command   check_x
            register        0
        }
        define hostgroup {
            hostgroup_name  cell1_hypervisor
        }
        define host {
            use             base-host
            host_name       cmp1.example.net
            hostgroups      cell1_hypervisor
        }

        """;

    [Fact]
    public void ConsistentObjectsPass() => Assert.Empty(Check(""));

    [Theory]
    [InlineData("define service {\n use base-service\n host_name cmp1.example.net\n service_description x\n check_command check_x\n}", "use names service template 'base-service', which is not defined")]
    [InlineData("define service {\n host_name cmp1.example.net\n service_description x\n check_command check_y!1\n}", "check_command names command 'check_y', which is not defined")]
    [InlineData("define service {\n hostgroup_name cell2_hypervisor\n service_description x\n check_command check_x\n}", "hostgroup_name names hostgroup 'cell2_hypervisor', which is not defined")]
    [InlineData("define service {\n host_name cmp9.example.net\n service_description x\n check_command check_x\n}", "host_name names host 'cmp9.example.net', which is not defined")]
    [InlineData("define host {\n use base-host\n host_name cmp1.example.net\n}", "duplicate host 'cmp1.example.net' (first at test.cfg:17)")]
    [InlineData("define hostgroup {\n hostgroup_name cell1_rabbitmq\n}", "hostgroup 'cell1_rabbitmq' is empty")]
    [InlineData("define service {\n host_name cmp1.example.net\n service_description nova zombies\n check_command check_x\n}", "service_description 'nova zombies' may hold only")]
    [InlineData("define host {\n use base-host\n host_name cmp2$(x).example.net\n}", "host_name 'cmp2$(x).example.net' may hold only")]
    [InlineData("define host {\n use base-host\n host_name cmp2.example.net\n", "define host has no closing")]
    [InlineData("define service {\n host_name cmp1.example.net\n service_description x\n check_command check_x\n check_period workhours\n}", "check_period names timeperiod 'workhours', which is not defined")]
    public void RefusesInconsistentObjects(string extra, string problem)
    {
        IReadOnlyList<string> errors;
        try
        {
            errors = Check(extra);
        }
        catch (ConfigException error)
        {
            errors = [error.Message];
        }

        Assert.Contains(errors, e => e.Contains(problem, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith("test.cfg:", e));
    }

    [Theory]
    [InlineData("_WORKAROUND_URL https://tracker.example.net/OPS-1\n _WORKAROUND_EXPIRES 31/03/2027\n _ROOT_CAUSE_DIAGNOSED 1", "_WORKAROUND_EXPIRES must be a date YYYY-MM-DD")]
    [InlineData("_WORKAROUND_EXPIRES 2027-03-31\n _ROOT_CAUSE_DIAGNOSED 1", "a workaround needs _WORKAROUND_URL")]
    [InlineData("_WORKAROUND_URL https://tracker.example.net/OPS-1\n _WORKAROUND_EXPIRES 2027-03-31\n _ROOT_CAUSE_DIAGNOSED yes", "_ROOT_CAUSE_DIAGNOSED must be 0 or 1")]
    public void RefusesMalformedWorkarounds(string variables, string problem)
    {
        IReadOnlyList<string> errors = Check($"define service {{\n host_name cmp1.example.net\n service_description x\n check_command check_x\n {variables}\n}}");

        Assert.Contains(errors, e => e.Contains(problem, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Check(string extra) =>
        ObjectValidator.Check(ObjectParser.Parse("test.cfg", Base + extra).ToList());
}
