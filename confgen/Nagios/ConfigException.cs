namespace StackFsck.Confgen.Nagios;

/// <summary>Rendered configuration that Nagios would reject (or that would silently monitor nothing).</summary>
public sealed class ConfigException(string message) : Exception(message);
