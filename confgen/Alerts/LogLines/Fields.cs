using System.Runtime.CompilerServices;
namespace StackFsck.Alerts.LogLines;

/// <summary>Walks the <c>;</c>-separated fields of a log message; the last field (plugin output) may itself hold <c>;</c>.</summary>
internal ref struct Fields(ReadOnlySpan<byte> message)
{
    private ReadOnlySpan<byte> _rest = message;
    private bool _done;

    /// <summary>The next field, or false when there is none left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }

        int end = _rest.IndexOf((byte)';');
        if (end < 0)
        {
            field = _rest;
            _done = true;
            return true;
        }

        field = _rest[..end];
        _rest = _rest[(end + 1)..];
        return true;
    }
}
