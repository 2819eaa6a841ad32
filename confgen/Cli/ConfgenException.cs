namespace StackFsck.Confgen.Cli;

/// <summary>A failure worded for the operator: printed as one line, exit code 1.</summary>
public sealed class ConfgenException(string message) : Exception(message);
