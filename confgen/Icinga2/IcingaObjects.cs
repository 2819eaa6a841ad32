using System.Text;
using StackFsck.Confgen.Cli;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Icinga2;

/// <summary>
/// One server's Nagios objects as Icinga 2 objects: host and service templates, hosts, host
/// groups, services (a hostgroup's service as an apply rule, a host's as an object) and
/// dependencies (likewise: an apply rule for a hostgroup's, Dependency objects otherwise). Thresholds, timeouts, custom variables (the workaround trio,
/// Monasca settings) and intervals keep their meaning; notification settings are not rendered
/// (Icinga 2 notifies through apply rules of its own). Templates live in the global zone, from
/// the master's render: where a satellite's template chain gives another value (the server
/// class of its hosts) the object sets that value itself.
/// </summary>
internal sealed class IcingaObjects(ObjectSet objects, ObjectSet templates, CommandCatalog catalog)
{
    // Directives of notification and scheduling that have no place in this render.
    private static readonly HashSet<string> NotRendered = new(StringComparer.Ordinal)
    {
        "check_period", "notification_interval", "notification_period", "notification_options", "contact_groups", "contacts",
        "first_notification_delay", "notifications_enabled",
    };

    private readonly (Dictionary<string, List<string>> Members, Dictionary<string, List<string>> OfHost) _groups = Groups(objects);
    private readonly Dictionary<(string Type, string Name), NagiosObject> _templates = Templates(objects);
    private readonly Dictionary<(string Type, string Name), NagiosObject> _globalTemplates = Templates(templates);
    private readonly Dictionary<(string Type, string Use), List<Directive>> _inherited = [];

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
            case "service" when item.List("hostgroup_name").Any():
                Apply(item, "apply Service " + IcingaText.Quote(objects.Resolve(item, "service_description") ?? ""), text);
                break;
            case "service":
                foreach (string host in item.List("host_name").Distinct(StringComparer.Ordinal))
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

    /// <summary>
    /// A hostgroup's service as an apply rule: one rule per service definition, which Icinga 2
    /// turns into a service on each member host (as Nagios does), instead of as many objects in the
    /// tree. Group names are the inventory's, unique per environment and cell.
    /// </summary>
    private void Apply(NagiosObject item, string opening, StringBuilder text)
    {
        if (AssignWhere(item) is { } assign)
        {
            Checkable(item, opening, null, text, assign);
        }
    }

    /// <summary>
    /// The hosts a service or dependency is on (its host_name list and the members of its
    /// hostgroups) as an apply rule's condition; null when there are none. Groups this server does
    /// not define hold none of its hosts, as in <see cref="HostsOf"/>.
    /// </summary>
    private string? AssignWhere(NagiosObject item)
    {
        List<string> conditions = item.List("hostgroup_name").Where(_groups.Members.ContainsKey).Distinct(StringComparer.Ordinal)
            .Select(group => IcingaText.Quote(group) + " in host.groups").ToList();
        if (item.List("host_name").ToList() is { Count: > 0 } hosts)
        {
            conditions.Add("host.name in " + IcingaText.Array(hosts));
        }

        return conditions.Count == 0 ? null : string.Join(" || ", conditions);
    }

    /// <summary>A host, service or template: its directives, and those a satellite's own template chain gives otherwise.</summary>
    private void Checkable(NagiosObject item, string opening, string? host, StringBuilder text, string? assign = null)
    {
        text.Append('\n').Append(opening).Append(" {\n");
        foreach (string use in item.List("use"))
        {
            text.Append("  import ").Append(IcingaText.Quote(use)).Append('\n');
        }

        if (item.Type == "service" && !item.IsTemplate && assign is null)
        {
            IcingaText.Attribute(text, "host_name", IcingaText.Quote(host!));
        }

        var groups = item.List("hostgroups").ToList();
        if (item.Type == "host" && !item.IsTemplate)
        {
            groups.AddRange((_groups.OfHost.GetValueOrDefault(host!) ?? []).Except(groups));
        }

        if (groups.Count > 0)
        {
            IcingaText.Attribute(text, "groups", IcingaText.Array(groups));
        }

        foreach (Directive directive in item.Directives.Concat(Inherited(item)))
        {
            Attribute(item, directive.Key, directive.Value, text);
        }

        if (assign is not null)
        {
            text.Append("  assign where ").Append(assign).Append('\n');
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
            case var custom when catalog.Option(custom) is { } option:
                OptionVariable(item, option, value, text);
                break;
            case "event_handler":
                IcingaText.Attribute(text, "event_command", IcingaText.Quote(value));
                break;
            case "event_handler_enabled":
                IcingaText.Attribute(text, "enable_event_handler", value == "1" ? "true" : "false");
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
        if (!catalog.ByName.ContainsKey(value))
        {
            throw new ConfgenException($"{item.Where}: check_command '{value}' is not a command of templates/common/{CommandCatalog.FileName}, "
                + "which --engine icinga2 builds every CheckCommand from");
        }

        IcingaText.Attribute(text, "check_command", IcingaText.Quote(value));
    }

    /// <summary>
    /// A check option's custom variable as the CheckCommand's: a switch is a boolean, a repeated
    /// option an array. An empty value is left out: Nagios expands it to nothing, while Icinga 2
    /// would pass an empty argument.
    /// </summary>
    private static void OptionVariable(NagiosObject item, CheckOption option, string value, StringBuilder text)
    {
        if (value.Length == 0)
        {
            return;
        }

        string icinga = option.Switch ? (value == "0" ? "false" : "true")
            : option.Repeat ? IcingaText.Array(value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => IcingaText.Macros(v, item.Where)))
            : IcingaText.Quote(IcingaText.Macros(value, item.Where));
        IcingaText.Attribute(text, "vars." + IcingaCommand.VariableOf(option), icinga);
    }

    /// <summary>
    /// The directives this server's templates give the object that the global zone's templates
    /// (the master's render) would give otherwise: set on the object itself. They depend only on
    /// the template the object uses, so they are worked out once per template.
    /// </summary>
    private IEnumerable<Directive> Inherited(NagiosObject item)
    {
        if (ReferenceEquals(objects, templates) || item.List("use").FirstOrDefault() is not { } use)
        {
            return [];
        }

        if (!_inherited.TryGetValue((item.Type, use), out List<Directive>? differing))
        {
            _inherited[(item.Type, use)] = differing = Differing(item.Type, use);
        }

        return differing.Where(d => item.Get(d.Key) is null);
    }

    private List<Directive> Differing(string type, string use)
    {
        var differing = new List<Directive>();
        var seen = new HashSet<string>(["name", "register", "use"], StringComparer.Ordinal);
        NagiosObject? global = _globalTemplates.GetValueOrDefault((type, use));
        for (NagiosObject? current = _templates.GetValueOrDefault((type, use)); current is not null;
            current = current.List("use").FirstOrDefault() is { } parent ? _templates.GetValueOrDefault((type, parent)) : null)
        {
            foreach (Directive directive in current.Directives.Where(d => seen.Add(d.Key)))
            {
                if ((global is null ? null : templates.Resolve(global, directive.Key)) != directive.Value)
                {
                    differing.Add(directive);
                }
            }
        }

        return differing;
    }

    private static Dictionary<(string Type, string Name), NagiosObject> Templates(ObjectSet set)
    {
        var found = new Dictionary<(string Type, string Name), NagiosObject>();
        foreach (NagiosObject template in set.All.Where(o => o.IsTemplate && o.Get("name") is not null))
        {
            found.TryAdd((template.Type, template.Get("name")!), template);
        }

        return found;
    }

    private static Dictionary<string, List<string>> GroupsOfHosts(Dictionary<string, List<string>> members)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach ((string group, List<string> hosts) in members)
        {
            foreach (string host in hosts)
            {
                (groups.TryGetValue(host, out List<string>? list) ? list : groups[host] = []).Add(group);
            }
        }

        return groups;
    }

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

        string states = "[ " + string.Join(", ", passing) + " ]";
        string disableChecks = (item.Get("execution_failure_criteria") is { } run && run != "n") ? "true" : "false";
        if (item.Get("dependent_host_name") is null && item.List("hostgroup_name").Any())
        {
            // The dependent service on the same host, on every host of the rule: Icinga 2 sets the parent host to it.
            if (AssignWhere(item) is { } hosts)
            {
                text.Append("\napply Dependency ").Append(IcingaText.Quote($"{child}-needs-{parent}")).Append(" to Service {\n");
                DependencyAttributes(parent, states, disableChecks, text);
                text.Append("  assign where service.name == ").Append(IcingaText.Quote(child)).Append(" && (").Append(hosts).Append(")\n}\n");
            }

            return;
        }

        foreach (string host in HostsOf(item))
        {
            text.Append("\nobject Dependency ").Append(IcingaText.Quote($"{host}-{child}-needs-{parent}")).Append(" {\n");
            IcingaText.Attribute(text, "parent_host_name", IcingaText.Quote(host));
            IcingaText.Attribute(text, "child_host_name", IcingaText.Quote(item.Get("dependent_host_name") ?? host));
            IcingaText.Attribute(text, "child_service_name", IcingaText.Quote(child));
            DependencyAttributes(parent, states, disableChecks, text);
            text.Append("}\n");
        }
    }

    private static void DependencyAttributes(string parent, string states, string disableChecks, StringBuilder text)
    {
        IcingaText.Attribute(text, "parent_service_name", IcingaText.Quote(parent));
        IcingaText.Attribute(text, "states", states);
        IcingaText.Attribute(text, "disable_checks", disableChecks);
        IcingaText.Attribute(text, "disable_notifications", "true");
    }

    /// <summary>The hosts a service or dependency is on: its host_name list and every member of its hostgroups.</summary>
    private IEnumerable<string> HostsOf(NagiosObject item) =>
        item.List("host_name").Concat(item.List("hostgroup_name").SelectMany(group => _groups.Members.GetValueOrDefault(group) ?? []))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Each hostgroup's members (its members directive, then the hosts naming it), and each host's groups.</summary>
    private static (Dictionary<string, List<string>> Members, Dictionary<string, List<string>> OfHost) Groups(ObjectSet objects)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<(string Group, string Host)>();
        foreach (NagiosObject group in objects.Real("hostgroup"))
        {
            string name = group.Get("hostgroup_name")!;
            members[name] = group.List("members").Where(host => seen.Add((name, host))).ToList();
        }

        foreach (NagiosObject host in objects.Real("host"))
        {
            string name = host.Get("host_name")!;
            foreach (string group in (objects.Resolve(host, "hostgroups") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (members.TryGetValue(group, out List<string>? list) && seen.Add((group, name)))
                {
                    list.Add(name);
                }
            }
        }

        return (members, GroupsOfHosts(members));
    }
}
