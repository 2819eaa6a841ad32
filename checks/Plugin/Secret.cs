namespace StackFsck.Plugin;

/// <summary>A password or token. Its ToString never shows the value, so an interpolated log line cannot leak it.</summary>
public sealed class Secret(string value)
{
    public string Reveal() => value;

    public override string ToString() => "(secret)";
}
