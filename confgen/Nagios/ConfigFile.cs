namespace StackFsck.Confgen.Nagios;

/// <summary>One .cfg file of a server's tree (Path relative to it): its objects in order, and the text after the last one.</summary>
public sealed record ConfigFile(string Path, IReadOnlyList<NagiosObject> Objects, string Trailer);
