namespace StackFsck.Confgen.Monasca;

/// <summary>
/// A host the inventory marks 'monasca: true', with the checks its monasca-agent runs: the Nagios
/// services of that host on <see cref="Server"/>, each command line fully expanded.
/// </summary>
public sealed record MonascaHost(string Host, string Server, string Environment, IReadOnlyList<MonascaCheck> Checks);

/// <summary>One nagios_wrapper instance: the service's name, its expanded command line (plugin name first), how often in seconds.</summary>
public sealed record MonascaCheck(string Service, string CommandLine, int IntervalSeconds);
