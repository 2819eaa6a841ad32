namespace StackFsck.Plugin;

/// <summary>
/// Standard output, written exactly once per run. The deadline's expiry and the check's
/// own thread may both try to finish at the same instant; only the first one is printed.
/// </summary>
public sealed class PluginOutput(TextWriter writer)
{
    private readonly Lock _gate = new();
    private bool _written;

    public bool TryWrite(string text)
    {
        lock (_gate)
        {
            if (_written)
            {
                return false;
            }

            _written = true;
            writer.Write(text);
            writer.Flush();
            return true;
        }
    }
}
