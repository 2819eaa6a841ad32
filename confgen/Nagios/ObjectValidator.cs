using System.Text.RegularExpressions;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// confgen's own pre-flight of one server's objects, before anything is written: every reference
/// nagios4 resolves (templates; check, event handler and notification commands; hosts, parents
/// and hostgroups; services of dependencies and escalations on their hosts; contacts and contact
/// groups; timeperiods); duplicates; empty hostgroups; names Nagios would reject or analytics
/// could not parse; malformed workaround data.
/// </summary>
public static partial class ObjectValidator
{
    private static readonly string[] NameKeys =
        ["name", "host_name", "hostgroup_name", "service_description", "command_name", "contact_name", "contactgroup_name", "timeperiod_name"];

    private static readonly (string Type, string Key)[] Unique =
        [("host", "host_name"), ("hostgroup", "hostgroup_name"), ("command", "command_name"), ("contact", "contact_name"),
         ("contactgroup", "contactgroup_name"), ("timeperiod", "timeperiod_name")];

    /// <summary>Every problem found, one line each, pointing at the rendered file and line.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<NagiosObject> objects)
    {
        var errors = new List<string>();
        var index = ObjectIndex.Build(objects, errors);
        foreach (NagiosObject item in objects)
        {
            CheckNames(item, errors);
            CheckReferences(item, index, errors);
            WorkaroundVariables.Check(item, errors);
        }

        ServiceReferences.Check(objects, errors);

        foreach (NagiosObject group in objects.Where(o => o.Type == "hostgroup" && !o.IsTemplate))
        {
            string name = group.Get("hostgroup_name") ?? "";
            if (!group.List("members").Any() && !group.List("hostgroup_members").Any() && !index.UsedHostgroups.Contains(name))
            {
                errors.Add($"{group.Where}: hostgroup '{name}' is empty");
            }
        }

        return errors;
    }

    private static void CheckNames(NagiosObject item, List<string> errors)
    {
        foreach (string key in NameKeys)
        {
            if (item.Get(key) is { } value && !LegalName().IsMatch(value) && !(key == "host_name" && item.Type != "host" && IsList(value)))
            {
                errors.Add($"{item.Where}: {key} '{value}' may hold only letters, digits and . _ - @ : +");
            }
        }
    }

    private static bool IsList(string value) => value.Split(',').All(part => LegalName().IsMatch(part.Trim()));

    private static void CheckReferences(NagiosObject item, ObjectIndex index, List<string> errors)
    {
        void Require(string key, HashSet<string> known, string what, Func<string, string>? take = null)
        {
            foreach (string value in item.List(key).Select(take ?? (v => v)).Where(v => !known.Contains(v)))
            {
                errors.Add($"{item.Where}: {key} names {what} '{value}', which is not defined");
            }
        }

        if (item.Get("use") is not null)
        {
            Require("use", index.TemplatesOf(item.Type), $"{item.Type} template");
        }

        string FirstPart(string command) => command.Split('!')[0];
        Require("check_command", index.Commands, "command", FirstPart);
        Require("event_handler", index.Commands, "command", FirstPart);
        Require("_MONASCA_COMMAND", index.Commands, "command");
        Require("host_notification_commands", index.Commands, "command");
        Require("service_notification_commands", index.Commands, "command");
        Require("check_period", index.Timeperiods, "timeperiod");
        Require("notification_period", index.Timeperiods, "timeperiod");
        Require("host_notification_period", index.Timeperiods, "timeperiod");
        Require("service_notification_period", index.Timeperiods, "timeperiod");
        Require("escalation_period", index.Timeperiods, "timeperiod");
        Require("dependency_period", index.Timeperiods, "timeperiod");
        Require("contacts", index.Contacts, "contact");
        Require("contact_groups", index.ContactGroups, "contactgroup");
        Require("hostgroups", index.Hostgroups, "hostgroup");
        Require("hostgroup_name", index.Hostgroups, "hostgroup");
        Require("dependent_hostgroup_name", index.Hostgroups, "hostgroup");
        Require("hostgroup_members", index.Hostgroups, "hostgroup");
        if (item.Type != "host")
        {
            Require("host_name", index.Hosts, "host");
            Require("dependent_host_name", index.Hosts, "host");
        }

        switch (item.Type)
        {
            case "host":
                Require("parents", index.Hosts, "host");
                if (item.List("parents").Contains(item.Get("host_name")))
                {
                    errors.Add($"{item.Where}: host '{item.Get("host_name")}' names itself as its parent");
                }

                break;
            case "hostgroup":
                Require("members", index.Hosts, "host");
                break;
            case "contactgroup":
                Require("members", index.Contacts, "contact");
                Require("contactgroup_members", index.ContactGroups, "contactgroup");
                break;
            case "timeperiod":
                Require("exclude", index.Timeperiods, "timeperiod");
                break;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@:+-]+$")]
    private static partial Regex LegalName();

    /// <summary>Names by kind, and duplicates reported while building it.</summary>
    private sealed class ObjectIndex
    {
        private readonly Dictionary<string, HashSet<string>> templates = new(StringComparer.Ordinal);

        public HashSet<string> Hosts { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Hostgroups { get; } = new(StringComparer.Ordinal);

        public HashSet<string> UsedHostgroups { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Commands { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Contacts { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ContactGroups { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Timeperiods { get; } = new(StringComparer.Ordinal);

        public HashSet<string> TemplatesOf(string type) => templates.TryGetValue(type, out HashSet<string>? names) ? names : [];

        public static ObjectIndex Build(IEnumerable<NagiosObject> objects, List<string> errors)
        {
            var index = new ObjectIndex();
            var seen = new Dictionary<(string, string), string>();
            foreach (NagiosObject item in objects)
            {
                if (item.Get("name") is { } templateName && !AddOnce(seen, (item.Type + " template", templateName), item, errors))
                {
                    continue;
                }

                if (item.Get("name") is { } name)
                {
                    index.TemplateSet(item.Type).Add(name);
                }

                if (item.IsTemplate)
                {
                    continue;
                }

                foreach ((string type, string key) in Unique.Where(u => u.Type == item.Type))
                {
                    if (item.Get(key) is { } value && AddOnce(seen, (type, value), item, errors))
                    {
                        index.SetOf(type).Add(value);
                    }
                }

                if (item.Type == "host")
                {
                    index.UsedHostgroups.UnionWith(item.List("hostgroups"));
                }
            }

            return index;
        }

        private static bool AddOnce(Dictionary<(string, string), string> seen, (string Type, string Name) key, NagiosObject item, List<string> errors)
        {
            if (seen.TryAdd(key, item.Where))
            {
                return true;
            }

            errors.Add($"{item.Where}: duplicate {key.Type} '{key.Name}' (first at {seen[key]})");
            return false;
        }

        private HashSet<string> TemplateSet(string type) =>
            templates.TryGetValue(type, out HashSet<string>? names) ? names : templates[type] = new HashSet<string>(StringComparer.Ordinal);

        private HashSet<string> SetOf(string type) => type switch
        {
            "host" => Hosts,
            "hostgroup" => Hostgroups,
            "command" => Commands,
            "contact" => Contacts,
            "contactgroup" => ContactGroups,
            _ => Timeperiods,
        };
    }
}
