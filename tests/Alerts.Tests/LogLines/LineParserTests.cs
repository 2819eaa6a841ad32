using System.Text;
using StackFsck.Alerts.LogLines;

namespace StackFsck.Alerts.Tests;

public class LineParserTests
{
    [Theory]
    // Nagios 4
    [InlineData("[1700000000] SERVICE ALERT: cmp1.example.net;nova-compute;CRITICAL;HARD;3;CRITICAL - down; really", "ServiceAlert|cmp1.example.net|nova-compute|HARD|CRITICAL")]
    [InlineData("[1700000000] SERVICE ALERT: cmp1;Disk /var;WARNING;SOFT;1;", "ServiceAlert|cmp1|Disk /var|SOFT|WARNING")]
    [InlineData("[1700000000] HOST ALERT: cmp1;DOWN;HARD;10;PING CRITICAL - Packet loss = 100%", "HostAlert|cmp1||HARD|DOWN")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;nova-compute;CRITICAL;notify-service-by-email;CRITICAL - x", "ServiceNotification|cmp1|nova-compute|PROBLEM|CRITICAL")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;nova-compute;OK;notify-service-by-email;OK", "ServiceNotification|cmp1|nova-compute|RECOVERY|OK")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;nova-compute;ACKNOWLEDGEMENT (CRITICAL);notify;out;jdoe;on it", "ServiceNotification|cmp1|nova-compute|ACKNOWLEDGEMENT|CRITICAL")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;nova-compute;FLAPPINGSTART (OK);notify;out", "ServiceNotification|cmp1|nova-compute|FLAPPINGSTART|OK")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;nova-compute;DOWNTIMESTART (WARNING);notify;out", "ServiceNotification|cmp1|nova-compute|DOWNTIMESTART|WARNING")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;nova-compute;CUSTOM (UNKNOWN);notify;out;jdoe;test", "ServiceNotification|cmp1|nova-compute|CUSTOM|UNKNOWN")]
    [InlineData("[1700000000] HOST NOTIFICATION: admin;cmp1;DOWN;notify-host-by-email;PING CRITICAL", "HostNotification|cmp1||PROBLEM|DOWN")]
    [InlineData("[1700000000] HOST NOTIFICATION: admin;cmp1;DOWNTIMEEND (UP);notify-host-by-email;PING OK", "HostNotification|cmp1||DOWNTIMEEND|UP")]
    [InlineData("[1700000000] SERVICE FLAPPING ALERT: cmp1;nova-compute;STARTED; Service appears to have started flapping (24.2% change >= 20.0% threshold)", "ServiceFlapping|cmp1|nova-compute||STARTED")]
    [InlineData("[1700000000] HOST FLAPPING ALERT: cmp1;STOPPED; Host appears to have stopped flapping", "HostFlapping|cmp1|||STOPPED")]
    [InlineData("[1700000000] SERVICE DOWNTIME ALERT: cmp1;nova-compute;CANCELLED; Scheduled downtime for service has been cancelled.", "ServiceDowntime|cmp1|nova-compute||CANCELLED")]
    [InlineData("[1700000000] HOST DOWNTIME ALERT: cmp1;STARTED; Host has entered a period of scheduled downtime", "HostDowntime|cmp1|||STARTED")]
    [InlineData("[1700000000] SERVICE EVENT HANDLER: cmp1;nova-compute;CRITICAL;HARD;3;restart-nova", "ServiceEventHandler|cmp1|nova-compute|restart-nova|CRITICAL")]
    [InlineData("[1700000000] SERVICE EVENT HANDLER: cmp1;nova-compute;CRITICAL;SOFT;2;stackfsck_remedy_OPS-1234_0a1b2c3d!x!y", "ServiceEventHandler|cmp1|nova-compute|stackfsck_remedy_OPS-1234_0a1b2c3d|CRITICAL")]
    [InlineData("[1700000000] HOST EVENT HANDLER: cmp1;DOWN;HARD;2;power-cycle", "HostEventHandler|cmp1||power-cycle|DOWN")]
    // Icinga 2 compat log
    [InlineData("[1700000000] SERVICE NOTIFICATION: icingaadmin;cmp1;nova-compute;RECOVERY;mail-service-notification;OK - fine;", "ServiceNotification|cmp1|nova-compute|RECOVERY|OK")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: icingaadmin;cmp1;nova-compute;ACKNOWLEDGEMENT;mail-service-notification;CRITICAL - x;jdoe;on it", "ServiceNotification|cmp1|nova-compute|ACKNOWLEDGEMENT|NA")]
    [InlineData("[1700000000] HOST NOTIFICATION: icingaadmin;cmp1;DOWN (DOWN);mail-host-notification;CRITICAL - x;", "HostNotification|cmp1||PROBLEM|DOWN")]
    [InlineData("[1700000000] HOST NOTIFICATION: icingaadmin;cmp1;RECOVERY (UP);mail-host-notification;PING OK;", "HostNotification|cmp1||RECOVERY|UP")]
    [InlineData("[1700000000] SERVICE DOWNTIME ALERT: cmp1;nova-compute;STARTED; Checkable has entered a period of scheduled downtime.", "ServiceDowntime|cmp1|nova-compute||STARTED")]
    [InlineData("[1700000000] SERVICE FLAPPING ALERT: cmp1;nova-compute;DISABLED; Flap detection has been disabled", "ServiceFlapping|cmp1|nova-compute||DISABLED")]
    public void Events_are_parsed_into_kind_host_service_type_and_state(string line, string expected)
    {
        Assert.Equal(LineKind.Event, LineParser.Parse(Encoding.UTF8.GetBytes(line), out AlertEvent parsed));
        string actual = string.Join('|', parsed.Kind, Text(parsed.Host), Text(parsed.Service), Text(parsed.Type), Text(parsed.State));
        Assert.Equal(expected, actual);
        Assert.Equal(1700000000, parsed.Timestamp);
    }

    [Theory]
    [InlineData("[1700000000] CURRENT SERVICE STATE: cmp1;nova-compute;CRITICAL;HARD;3;down")]
    [InlineData("[1700000000] CURRENT HOST STATE: cmp1;UP;HARD;1;PING OK")]
    [InlineData("[1700000000] INITIAL SERVICE STATE: cmp1;nova-compute;OK;HARD;1;fine")]
    [InlineData("[1700000000] INITIAL HOST STATE: cmp1;UP;HARD;1;PING OK")]
    [InlineData("[1700000000] EXTERNAL COMMAND: ACKNOWLEDGE_SVC_PROBLEM;cmp1;nova-compute;2;1;1;jdoe;on it")]
    [InlineData("[1700000000] LOG ROTATION: DAILY")]
    [InlineData("[1700000000] Auto-save of retention data completed successfully.")]
    public void State_dumps_and_other_messages_are_not_events(string line) =>
        Assert.Equal(LineKind.Ignored, LineParser.Parse(Encoding.UTF8.GetBytes(line), out _));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1700000000 SERVICE ALERT: cmp1;svc;CRITICAL;HARD;3;x")]
    [InlineData("[17000x0000] SERVICE ALERT: cmp1;svc;CRITICAL;HARD;3;x")]
    [InlineData("[1700000000]SERVICE ALERT: cmp1;svc;CRITICAL;HARD;3;x")]
    [InlineData("[1700000000] SERVICE ALERT: cmp1;svc;CRITICAL;HARD")]
    [InlineData("[1700000000] SERVICE ALERT: cmp1;svc;BROKEN;HARD;3;x")]
    [InlineData("[1700000000] SERVICE ALERT: cmp1;svc;CRITICAL;MAYBE;3;x")]
    [InlineData("[1700000000] SERVICE ALERT: cmp1;svc;CRITICAL;HARD;three;x")]
    [InlineData("[1700000000] SERVICE ALERT: ;svc;CRITICAL;HARD;3;x")]
    [InlineData("[1700000000] HOST ALERT: cmp1;CRITICAL;HARD;3;x")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;svc;ACKNOWLEDGEMENT (CRITICAL;notify;x")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1;svc;ack (CRITICAL);notify;x")]
    [InlineData("[1700000000] SERVICE NOTIFICATION: admin;cmp1")]
    [InlineData("[1700000000] HOST FLAPPING ALERT: cmp1;SOMETIMES; x")]
    [InlineData("[1700000000] SERVICE DOWNTIME ALERT: cmp1;STARTED; Service has entered a period of scheduled downtime")]
    public void Broken_lines_are_malformed(string line) =>
        Assert.Equal(LineKind.Malformed, LineParser.Parse(Encoding.UTF8.GetBytes(line), out _));

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
