using System.Runtime.CompilerServices;
namespace StackFsck.Alerts.LogLines;

/// <summary>
/// The fourth notification field in its forms: Nagios writes the state (<c>CRITICAL</c>) for
/// problems and recoveries and <c>TYPE (STATE)</c> for the others (<c>ACKNOWLEDGEMENT (CRITICAL)</c>,
/// <c>FLAPPINGSTART (OK)</c>, <c>DOWNTIMESTART (UP)</c>, <c>CUSTOM (WARNING)</c>). Icinga 2 writes the
/// bare type for services (<c>RECOVERY</c>, <c>ACKNOWLEDGEMENT</c>) and <c>X (STATE)</c> for hosts.
/// Split into a type (PROBLEM, RECOVERY or the named type) and a state (NA when the line has none).
/// </summary>
internal static class NotificationType
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TrySplit(ReadOnlySpan<byte> field, bool isService, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> state)
    {
        ReadOnlySpan<byte> head = field;
        state = "NA"u8;
        int open = field.IndexOf(" ("u8);
        if (open >= 0)
        {
            if (field[^1] != (byte)')' || !States.IsCheckState(field[(open + 2)..^1], isService))
            {
                type = default;
                return false;
            }

            head = field[..open];
            state = field[(open + 2)..^1];
        }

        if (States.IsCheckState(head, isService))
        {
            type = States.IsRecoveryState(head) ? "RECOVERY"u8 : "PROBLEM"u8;
            state = head;
            return true;
        }

        type = head;
        if (open < 0 && type.SequenceEqual("RECOVERY"u8))
        {
            state = isService ? "OK"u8 : "UP"u8;
        }

        return IsTypeWord(type);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsTypeWord(ReadOnlySpan<byte> word)
    {
        if (word.IsEmpty)
        {
            return false;
        }

        foreach (byte b in word)
        {
            if ((uint)(b - 'A') > 'Z' - 'A')
            {
                return false;
            }
        }

        return true;
    }
}
