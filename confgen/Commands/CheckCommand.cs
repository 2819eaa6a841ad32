namespace StackFsck.Confgen.Commands;

/// <summary>
/// A command confgen configures: the check it runs, the arguments every run gets (Fixed, Nagios
/// macros allowed), the options every service must set (Required) and those a service may set
/// (Optional). Each option is one custom variable of the service.
/// </summary>
public sealed record CheckCommand(
    string Name,
    string Check,
    string Comment,
    IReadOnlyList<string> Fixed,
    IReadOnlyList<CheckOption> Required,
    IReadOnlyList<CheckOption> Optional)
{
    public IEnumerable<CheckOption> Options => Required.Concat(Optional);
}

/// <summary>
/// One option of a check: its long name, what the command line writes (Flag), the service's custom
/// variable that sets it (Variable, e.g. _RABBITMQ_COMPUTE_QUEUES_VHOST), and what the check's
/// --help says of it. A switch takes no value; a repeated option takes several.
/// </summary>
public sealed record CheckOption(string Option, string Flag, string Variable, string Description, string? Default, bool Switch, bool Repeat)
{
    /// <summary>The Nagios macro of the variable on a service: $_SERVICERABBITMQ_COMPUTE_QUEUES_VHOST$.</summary>
    public string Macro => $"$_SERVICE{Variable[1..]}$";

    /// <summary>The variable of an option: the check's name without check_, then the long option, upper case, '_' for '-'.</summary>
    public static string VariableOf(string check, string option) =>
        $"_{(check.StartsWith("check_", StringComparison.Ordinal) ? check["check_".Length..] : check)}_{option.TrimStart('-')}"
            .ToUpperInvariant().Replace('-', '_');

    /// <summary>
    /// The arguments a value stands for on the command line: nothing when empty (or 0 for a switch),
    /// the flag alone for a switch, the flag before each space-separated value of a repeated option.
    /// </summary>
    public string Arguments(string value)
    {
        if (value.Length == 0 || (Switch && value == "0"))
        {
            return "";
        }

        return Switch ? Flag
            : Repeat ? string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => $"{Flag} {v}"))
            : $"{Flag} {value}";
    }
}
