using System.Collections.Concurrent;
using StackFsck.Confgen.Commands;
using StackFsck.Confgen.Inventory;
using StackFsck.Confgen.Nagios;

namespace StackFsck.Confgen.Model;

/// <summary>
/// The inventory's check settings (lower-case vars, SERVICE_OPTION: compute_queues_warning: 50)
/// applied to one server's services: for each service rendered for a scope, and each option of
/// its command (and its timeout, SERVICE_timeout), the nearest setting wins: the host's (for a
/// service on that one host), then the scope's, then the environment's; over the template's value.
/// </summary>
internal static class InventoryTuning
{
    public const string TimeoutOption = "timeout";
    public const string TimeoutVariable = "_TIMEOUT";

    public static void Apply(EnvironmentSpec environment, IEnumerable<ConfigFile> files, ObjectSet objects, CommandCatalog commands, ConcurrentDictionary<Tuning, bool> used)
    {
        foreach (ConfigFile file in files)
        {
            string[] parts = file.Path.Split('/');
            Scope? scope = parts.Length > 3 && parts[0] == "environments" && parts[1] == environment.Name
                ? environment.Cells.Prepend(environment.Global).OfType<Scope>().FirstOrDefault(s => s.Name == parts[2])
                : null;
            if (scope is null)
            {
                continue;
            }

            foreach (NagiosObject service in file.Objects.Where(o => o.Type == "service" && !o.IsTemplate))
            {
                HostSpec? host = scope.AllHosts.FirstOrDefault(h => h.Name == service.Get("host_name"));
                IEnumerable<Tuning> nearestFirst = (host?.Tuning ?? []).Concat(scope.Tuning).Concat(environment.Tuning);
                string description = objects.Resolve(service, "service_description") ?? "";
                foreach ((string option, string variable) in Settings(objects, commands, service))
                {
                    // A farther setting a nearer one overrides is still a setting of this service, not a typo.
                    List<Tuning> settings = nearestFirst.Where(t => t.Key == $"{description}_{option}").ToList();
                    foreach (Tuning setting in settings)
                    {
                        used[setting] = true;
                    }

                    if (settings.Count > 0)
                    {
                        service.Set(variable, settings[0].Value);
                    }
                }
            }
        }
    }

    /// <summary>Every setting of every scope that no service took: a typo, or a service that is not there.</summary>
    public static void RequireAllUsed(InventoryModel inventory, ConcurrentDictionary<Tuning, bool> used)
    {
        foreach (EnvironmentSpec environment in inventory.Environments)
        {
            IEnumerable<Tuning> all = environment.Tuning.Concat(environment.Cells.Prepend(environment.Global).OfType<Scope>()
                .SelectMany(s => s.Tuning.Concat(s.AllHosts.SelectMany(h => h.Tuning))));
            foreach (Tuning setting in all.Where(t => !used.ContainsKey(t)))
            {
                throw InventoryException.At(setting.Source,
                    $"'{setting.Key}' sets no option of a service here (SERVICE_OPTION, e.g. compute_queues_warning; a host's own setting only reaches services on that one host)");
            }
        }
    }

    /// <summary>The settings a service takes: each option of its command (snake case) and its timeout.</summary>
    private static IEnumerable<(string Option, string Variable)> Settings(ObjectSet objects, CommandCatalog commands, NagiosObject service)
    {
        yield return (TimeoutOption, TimeoutVariable);
        string command = (objects.Resolve(service, "check_command") ?? "").Split('!')[0];
        if (commands.ByName.TryGetValue(command, out CheckCommand? check))
        {
            foreach (CheckOption option in check.Options)
            {
                yield return (option.Option.TrimStart('-').Replace('-', '_'), option.Variable);
            }
        }
    }
}
