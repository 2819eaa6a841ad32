using StackFsck.Confgen.Commands;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// The arguments services give their commands, as custom variables: a service running a command
/// of the catalog names it alone (no $ARGn$), sets every required option, and sets no variable of
/// its check that is not an option. Nagios expands an undefined $_SERVICEX$ to the macro text
/// itself, so every optional variable a service leaves unset is defined on it, empty.
/// </summary>
public static class ServiceArguments
{
    public static void Apply(ObjectSet objects, CommandCatalog catalog, List<string> errors)
    {
        foreach (NagiosObject service in objects.Real("service"))
        {
            string checkCommand = objects.Resolve(service, "check_command") ?? "";
            if (!catalog.ByName.TryGetValue(checkCommand.Split('!')[0], out CheckCommand? command))
            {
                continue;
            }

            string description = objects.Resolve(service, "service_description") ?? "";
            if (checkCommand.Contains('!', StringComparison.Ordinal))
            {
                errors.Add($"{service.Where}: service '{description}' passes $ARGn$ to {command.Name}, which takes its options as custom variables ({string.Join(", ", command.Required.Select(o => o.Variable))} ...)");
            }

            foreach (CheckOption option in command.Required.Where(o => string.IsNullOrEmpty(objects.Resolve(service, o.Variable))))
            {
                errors.Add($"{service.Where}: service '{description}' runs {command.Name}, which needs {option.Variable} ({option.Option}: {option.Description})");
            }

            string prefix = CheckOption.VariableOf(command.Check, "");
            foreach (Directive directive in service.Directives.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal)
                && !command.Options.Any(o => o.Variable == d.Key)))
            {
                errors.Add($"{service.Where}: {directive.Key} is not an option of {command.Name} (see templates/common/{CommandCatalog.FileName})");
            }

            foreach (CheckOption option in command.Optional.Where(o => objects.Resolve(service, o.Variable) is null))
            {
                service.Set(option.Variable, "");
            }
        }
    }
}
