using System.Text;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Icinga2;

/// <summary>
/// One server's Nagios objects as Icinga 2 objects: host and service templates, hosts, host
/// groups, services (one per host of a hostgroup service) and Dependency objects (a Nagios
/// service dependency per host). Thresholds, timeouts, custom variables (the workaround trio,
/// Monasca settings) and intervals keep their meaning; notification settings are not rendered
/// (Icinga 2 notifies through apply rules of its own). Templates live in the global zone, from
/// the master's render: where a satellite's template chain gives another value (the server
/// class of its hosts) the object sets that value itself.
/// </summary>
internal sealed class IcingaObjects(ObjectSet objects, ObjectSet templates, IReadOnlyDictionary<string, IcingaCommand> commands)
{
    // Directives of notification and scheduling that have no place in this render.
    private static readonly HashSet<string> NotRendered = new(StringComparer.Ordinal)
    {
        "check_period", "notification_interval", "notification_period", "notification_options", "contact_groups", "contacts",
        "first_notification_delay", "notifications_enabled",
    };

    private readonly Dictionary<string, List<string>> _members = Members(objects);

    public void Write(NagiosObject item, StringBuilder text)
    {
        switch (item.Type)
        {
            case "host" or "service" when item.IsTemplate:
                Checkable(item, "template " + (item.Type == "host" ? "Host" : "Service") + " " + IcingaText.Quote(item.Get("name")!), item.Get("host_name"), text);
                break;
            case "host":
                Checkable(item, "object Host " + IcingaText.Quote(item.Get("host_name")!), item.Get("host_name"), text);
                break;
            case "service":
                foreach (string host in HostsOf(item))
                {
                    Checkable(item, "object Service " + IcingaText.Quote(objects.Resolve(item, "service_description") ?? ""), host, text);
                }

                break;
            case "hostgroup":
                text.Append("\nobject HostGroup ").Append(IcingaText.Quote(item.Get("hostgroup_name")!)).Append(" {\n");
                IcingaText.Attribute(text, "display_name", IcingaText.Quote(item.Get("alias") ?? item.Get("hostgroup_name")!));
                text.Append("}\n");
                break;
            case "servicedependency":
                Dependency(item, text);
                break;
            default:
                break; // commands (written as CheckCommands once), contacts, timeperiods: not part of this render
        }
    }

    /// <summary>A host, service or template: its directives, and those a satellite's own template chain gives otherwise.</summary>
    private void Checkable(NagiosObject item, string opening, string? host, StringBuilder text)
    {
        text.Append('\n').Append(opening).Append(" {\n");
        foreach (string use in item.List("use"))
        {
            text.Append("  import ").Append(IcingaText.Quote(use)).Append('\n');
        }

        if (item.Type == "service" && !item.IsTemplate)
        {
            IcingaText.Attribute(text, "host_name", IcingaText.Quote(host!));
        }

        var groups = item.List("hostgroups").ToList();
        if (item.Type == "host" && !item.IsTemplate)
        {
            groups.AddRange(_members.Where(m => m.Value.Contains(host!)).Select(m => m.Key).Except(groups));
        }

        if (groups.Count > 0)
        {
            IcingaText.Attribute(text, "groups", IcingaText.Array(groups));
        }

        foreach (Directive directive in item.Directives.Concat(Inherited(item)))
        {
            Attribute(item, directive.Key, directive.Value, text);
        }

        text.Append("}\n");
    }

    private void Attribute(NagiosObject item, string key, string value, StringBuilder text)
    {
        switch (key)
        {
            case "name" or "register" or "use" or "host_name" or "hostgroup_name" or "hostgroups" or "service_description":
                break;
            case "alias" or "display_name":
                IcingaText.Attribute(text, "display_name", IcingaText.Quote(value));
                break;
            case "address":
                IcingaText.Attribute(text, "address", IcingaText.Quote(value));
                break;
            case "check_interval" or "retry_interval":
                IcingaText.Attribute(text, key, IcingaText.Minutes(value));
                break;
            case "max_check_attempts":
                IcingaText.Attribute(text, key, value);
                break;
            case "check_command":
                CheckCommand(item, value, text);
                break;
            case var custom when custom.StartsWith('_'):
                IcingaText.Attribute(text, "vars." + custom[1..], IcingaText.Quote(IcingaText.Macros(value, item.Where)));
                break;
            case var other when NotRendered.Contains(other):
                break;
            default:
                throw new ConfgenException($"{item.Where}: '{key}' of a {item.Type} has no Icinga 2 rendering yet (--engine icinga2)");
        }
    }

    private void CheckCommand(NagiosObject item, string value, StringBuilder text)
    {
        string[] parts = value.Split('!');
        if (!commands.TryGetValue(parts[0], out IcingaCommand? command))
        {
            throw new ConfgenException($"{item.Where}: check_command names '{parts[0]}', which is not defined");
        }

        IcingaText.Attribute(text, "check_command", IcingaText.Quote(command.Name));
        foreach ((string variable, string icinga) in command.VariablesFor(parts[1..], item.Where))
        {
            IcingaText.Attribute(text, "vars." + variable, icinga);
        }
    }

    /// <summary>
    /// The directives this server's templates give the object that the global zone's templates
    /// (the master's render) would give otherwise: set on the object itself.
    /// </summary>
    private IEnumerable<Directive> Inherited(NagiosObject item)
    {
        if (ReferenceEquals(objects, templates) || item.Get("use") is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(item.Directives.Select(d => d.Key), StringComparer.Ordinal);
        for (NagiosObject? current = Template(objects, item); current is not null; current = Template(objects, current))
        {
            foreach (Directive directive in current.Directives.Where(d => seen.Add(d.Key)))
            {
                NagiosObject? global = Template(templates, item);
                string? there = global is null ? null : templates.Resolve(global, directive.Key);
                if (there != directive.Value && directive.Key is not ("name" or "register" or "use"))
                {
                    yield return directive;
                }
            }
        }
    }

    private static NagiosObject? Template(ObjectSet set, NagiosObject item) =>
        item.List("use").FirstOrDefault() is { } use ? set.All.FirstOrDefault(o => o.Type == item.Type && o.IsTemplate && o.Get("name") == use) : null;

    /// <summary>Nagios' service dependency on each of its hosts: the dependent service is neither run nor notified while the one it needs fails.</summary>
    private void Dependency(NagiosObject item, StringBuilder text)
    {
        string parent = item.Get("service_description") ?? throw new ConfgenException($"{item.Where}: a service dependency without service_description");
        string child = item.Get("dependent_service_description") ?? throw new ConfgenException($"{item.Where}: a service dependency without dependent_service_description");
        string failing = item.Get("notification_failure_criteria") ?? item.Get("execution_failure_criteria") ?? "n";
        var passing = new List<string>();
        foreach ((char letter, string state) in new[] { ('o', "OK"), ('w', "Warning"), ('c', "Critical"), ('u', "Unknown") })
        {
            if (!failing.Split(',').Contains(letter.ToString()))
            {
                passing.Add(state);
            }
        }

        foreach (string host in HostsOf(item))
        {
            text.Append("\nobject Dependency ").Append(IcingaText.Quote($"{host}-{child}-needs-{parent}")).Append(" {\n");
            IcingaText.Attribute(text, "parent_host_name", IcingaText.Quote(host));
            IcingaText.Attribute(text, "parent_service_name", IcingaText.Quote(parent));
            IcingaText.Attribute(text, "child_host_name", IcingaText.Quote(item.Get("dependent_host_name") ?? host));
            IcingaText.Attribute(text, "child_service_name", IcingaText.Quote(child));
            IcingaText.Attribute(text, "states", "[ " + string.Join(", ", passing) + " ]");
            IcingaText.Attribute(text, "disable_checks", (item.Get("execution_failure_criteria") is { } run && run != "n") ? "true" : "false");
            IcingaText.Attribute(text, "disable_notifications", "true");
            text.Append("}\n");
        }
    }

    /// <summary>The hosts a service or dependency is on: its host_name list and every member of its hostgroups.</summary>
    private IEnumerable<string> HostsOf(NagiosObject item) =>
        item.List("host_name").Concat(item.List("hostgroup_name").SelectMany(group => _members.GetValueOrDefault(group) ?? []))
            .Distinct(StringComparer.Ordinal);

    private static Dictionary<string, List<string>> Members(ObjectSet objects)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (NagiosObject group in objects.Real("hostgroup"))
        {
            members[group.Get("hostgroup_name")!] = group.List("members").ToList();
        }

        foreach (NagiosObject host in objects.Real("host"))
        {
            foreach (string group in (objects.Resolve(host, "hostgroups") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (members.TryGetValue(group, out List<string>? list) && !list.Contains(host.Get("host_name")!))
                {
                    list.Add(host.Get("host_name")!);
                }
            }
        }

        return members;
    }
}
